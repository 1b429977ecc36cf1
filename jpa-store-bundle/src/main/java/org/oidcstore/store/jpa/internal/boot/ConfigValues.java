package org.oidcstore.store.jpa.internal.boot;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reading the tier's keys from a configuration lookup: a missing or blank key is the default; an
 * unparsable value adds a problem (with its message id) and yields the default, so that every
 * problem is reported at once.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    public static String string(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }

    public static int parseInt(Function<String, Optional<String>> config, String key,
            int def, String id, List<String> problems) {
        String v = string(config, key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add(id + " " + key + " is not an integer: '" + v + "'");
            return def;
        }
    }

    public static boolean parseBoolean(Function<String, Optional<String>> config, String key,
            boolean def, String id, List<String> problems) {
        String v = string(config, key);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        problems.add(id + " " + key + " must be true or false: '" + v + "'");
        return def;
    }

    public static Duration parseDuration(Function<String, Optional<String>> config, String key,
            Duration def, String id, List<String> problems) {
        String v = string(config, key);
        if (v == null) {
            return def;
        }
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(id + " " + key + " is not an ISO-8601 duration such as PT5M: '" + v + "'");
            return def;
        }
    }

    /** The scheme part of a JDBC URL ({@code jdbc:postgresql}); never the rest, which may carry credentials. */
    public static String scheme(String url) {
        String[] parts = url.trim().split(":", 3);
        return parts.length >= 2 ? parts[0] + ":" + parts[1] : "?";
    }

    public static boolean present(String v) {
        return v != null && !v.isBlank();
    }
}
