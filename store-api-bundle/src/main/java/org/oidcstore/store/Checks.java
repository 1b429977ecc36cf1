package org.oidcstore.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Argument checks and defensive copies shared by the records of this package. */
final class Checks {
    private Checks() {
    }

    /** A required identifier: not null, not blank, at most 512 characters. */
    static String id(String value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is required");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > 512) {
            throw new IllegalArgumentException(name + " is longer than 512 characters");
        }
        return value;
    }

    /** An optional identifier: null, or a valid {@link #id}. */
    static String optionalId(String value, String name) {
        return value == null ? null : id(value, name);
    }

    static <T> T required(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is required");
        }
        return value;
    }

    /**
     * Instants are kept at microsecond precision, the finest that MariaDB and PostgreSQL store,
     * so that a record reads back equal to what was saved on every backend.
     */
    static Instant instant(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }

    static Instant requiredInstant(Instant value, String name) {
        return instant(required(value, name));
    }

    /** Immutable, iteration order kept, null elements refused, null collection = empty. */
    static Set<String> set(Collection<String> values, String name) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        LinkedHashSet<String> copy = new LinkedHashSet<>();
        for (String v : values) {
            copy.add(required(v, name + " element"));
        }
        return Collections.unmodifiableSet(copy);
    }

    static List<String> list(Collection<String> values, String name) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(values.size());
        for (String v : values) {
            copy.add(required(v, name + " element"));
        }
        return Collections.unmodifiableList(copy);
    }

    static Map<String, String> map(Map<String, String> values, String name) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(required(k, name + " key"), required(v, name + " value")));
        return Collections.unmodifiableMap(copy);
    }

    static Map<String, List<String>> multiMap(Map<String, List<String>> values, String name) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(required(k, name + " key"), list(required(v, name + " value"), name)));
        return Collections.unmodifiableMap(copy);
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
}
