package org.oidcstore.store;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oidcstore.store.spi.Arguments;

/**
 * Argument checks and defensive copies shared by the records of this package: the rules of
 * {@link Limits}, so that every record a constructor accepts is storable on every backend.
 */
final class Checks {
    private Checks() {
    }

    /** OIDCS-1003: the interface default of {@code eraseSubject}, for a backend built against API 1.3. */
    static StoreConfigurationException noErasure(Class<?> store) {
        return new StoreConfigurationException("OIDCS-1003 " + store.getName()
                + " does not implement eraseSubject (built against store API 1.3); upgrade the backend, or route the"
                + " kind to one that erases subjects");
    }

    /** A required identifier or bearer secret ({@link Arguments#id}). */
    static String id(String value, String name) {
        return Arguments.id(value, name);
    }

    /** An optional identifier: null, or a valid {@link #id}. */
    static String optionalId(String value, String name) {
        return value == null ? null : id(value, name);
    }

    /** An optional single text field of at most {@link Limits#MAX_TEXT_LENGTH} characters. */
    static String text(String value, String name) {
        return Arguments.text(value, name, Limits.MAX_TEXT_LENGTH);
    }

    /** An optional URI, held to the rules of a text field. */
    static URI uri(URI value, String name) {
        if (value != null) {
            text(value.toString(), name);
        }
        return value;
    }

    static <T> T required(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is required");
        }
        return value;
    }

    /** An optional instant in range, at microsecond precision ({@link Arguments#instant}). */
    static Instant instant(Instant value, String name) {
        return Arguments.instant(value, name);
    }

    static Instant requiredInstant(Instant value, String name) {
        return Arguments.requiredInstant(value, name);
    }

    /**
     * A builder's collection as the record component's type, for the canonical constructor to
     * check and copy ({@link #set}): a set is passed as it is, so that it is checked and copied
     * once, there, not twice; any other collection is copied (and so checked) here first.
     */
    static Set<String> asSet(Collection<String> values, String name) {
        return values instanceof Set<String> s ? s : set(values, name);
    }

    /** {@link #asSet} for a list component: a list is passed as it is to the constructor's {@link #list}. */
    static List<String> asList(Collection<String> values, String name) {
        return values instanceof List<String> l ? l : list(values, name);
    }

    /** Immutable, iteration order kept, null elements refused, null collection = empty; within the limits. */
    static Set<String> set(Collection<String> values, String name) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        Budget budget = new Budget(name);
        LinkedHashSet<String> copy = new LinkedHashSet<>();
        for (String v : values) {
            copy.add(budget.element(v, name + " element"));
        }
        return Collections.unmodifiableSet(copy);
    }

    static List<String> list(Collection<String> values, String name) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        Budget budget = new Budget(name);
        List<String> copy = new ArrayList<>(values.size());
        for (String v : values) {
            copy.add(budget.element(v, name + " element"));
        }
        return Collections.unmodifiableList(copy);
    }

    static Map<String, String> map(Map<String, String> values, String name) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Budget budget = new Budget(name);
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            budget.count();
            copy.put(budget.string(k, name + " key"), budget.string(v, name + " value"));
        });
        return Collections.unmodifiableMap(copy);
    }

    static Map<String, List<String>> multiMap(Map<String, List<String>> values, String name) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Budget budget = new Budget(name);
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, vs) -> {
            String key = budget.string(k, name + " key");
            List<String> vals = new ArrayList<>();
            for (String v : required(vs, name + " value")) {
                vals.add(budget.element(v, name + " value"));
            }
            if (vals.isEmpty()) {
                budget.count(); // a key without values is still an entry
            }
            copy.put(key, Collections.unmodifiableList(vals));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A polling interval: whole seconds, at least one second, at most a day. */
    static java.time.Duration pollInterval(java.time.Duration value) {
        required(value, "interval");
        if (value.getNano() != 0 || value.getSeconds() < 1 || value.compareTo(PollResult.MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be whole seconds between 1 s and 1 day");
        }
        return value;
    }

    static void notBefore(Instant later, Instant earlier, String laterName, String earlierName) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            throw new IllegalArgumentException(laterName + " must not be before " + earlierName);
        }
    }

    /** What {@code toString()} shows instead of a bearer secret, so a logged record leaks nothing. */
    static String redacted(String secret) {
        return secret == null ? "null" : "<redacted>";
    }

    /** The element count and byte total of one collection, checked as it is copied. */
    private static final class Budget {
        private final String name;
        private int elements;
        private long bytes;

        Budget(String name) {
            this.name = name;
        }

        void count() {
            if (++elements > Limits.MAX_ELEMENTS) {
                throw new IllegalArgumentException(name + " has more than " + Limits.MAX_ELEMENTS + " elements");
            }
        }

        String element(String value, String what) {
            count();
            return string(value, what);
        }

        String string(String value, String what) {
            required(value, what);
            Arguments.text(value, what, Limits.MAX_ELEMENT_LENGTH);
            bytes += utf8Length(value);
            if (bytes > Limits.MAX_COLLECTION_BYTES) {
                throw new IllegalArgumentException(name + " holds more than " + Limits.MAX_COLLECTION_BYTES
                        + " bytes");
            }
            return value;
        }
    }

    /** UTF-8 length without encoding; the strings are well-formed UTF-16 (checked before). */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
