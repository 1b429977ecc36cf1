package org.oidcstore.store.composite.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.oidcstore.store.composite.CompositeKeys;
import org.oidcstore.store.spi.StoreSettings;

/**
 * The names of the configuration keys: the top-level keys the composite and the shared settings
 * own, their environment spellings, and the names that misspell one of them. The routing keys'
 * grammar and values are {@link RouteKeys}'s.
 */
public final class ConfigKeys {
    public static final String ROUTE_PREFIX = CompositeKeys.ROUTE_PREFIX;
    public static final String ENV_ROUTE_PREFIX = CompositeKeys.ENV_ROUTE_PREFIX;
    public static final String DEFAULT_ROUTE_KEY = CompositeKeys.DEFAULT_ROUTE_KEY;
    public static final String KINDS_KEY = CompositeKeys.KINDS_KEY;
    public static final String SESSION_DURABILITY_KEY = CompositeKeys.SESSION_DURABILITY_KEY;
    /**
     * The top-level keys the composite knows (its own, the shared settings, the OSGi service's, and
     * the durable tier's GC interval, which is not under {@code oidc.store.jpa.}).
     */
    static final List<String> KNOWN = List.of(KINDS_KEY, SESSION_DURABILITY_KEY,
            StoreSettings.SECRET_PEPPER_KEY, StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY,
            StoreSettings.JWT_ID_CLOCK_SKEW_KEY, CompositeKeys.STATIC_CLIENT_IDS_KEY, StoreSettings.GC_INTERVAL_KEY,
            "oidc.store.volatile-backend", CompositeKeys.METRICS_TIMER_SAMPLING_KEY);
    /** Key families judged elsewhere: routes (OIDCS-2001), static clients (2110), the backends' own. */
    private static final List<String> FAMILIES = List.of(identity(ROUTE_PREFIX), identity(CompositeKeys.STATIC_CLIENTS_PREFIX),
            identity("oidc.store.jpa."), identity("oidc.store.redis."), identity("oidc.store.memory."));
    private static final String OWN = identity("oidc.store.");

    private ConfigKeys() {
    }

    /** Whether {@code name} is spelt as an environment variable ({@code OIDC_STORE_…}). */
    public static boolean isEnvSpelling(String name) {
        return name.startsWith("OIDC_STORE_");
    }

    /** A name as MicroProfile Config's environment mapping sees it: lower case, every other character {@code _}. */
    public static String identity(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    /** {@code key} as an environment variable: {@code OIDC_STORE_SESSIONS_DURABILITY}. */
    static String envSpelling(String key) {
        return identity(key).toUpperCase(Locale.ROOT);
    }

    /**
     * The known key that {@code name} misspells (within two edits, compared as MicroProfile Config
     * maps names), in the spelling of {@code name}; empty for a known key, a key of a family judged
     * elsewhere, or a name that is no near miss (it may belong to other software).
     */
    static Optional<String> misspelt(String name) {
        String id = identity(name);
        if (!id.startsWith(OWN) || FAMILIES.stream().anyMatch(id::startsWith)
                || KNOWN.stream().anyMatch(k -> identity(k).equals(id))) {
            return Optional.empty();
        }
        return KNOWN.stream().filter(k -> distance(identity(k), id) <= 2)
                .min(Comparator.comparingInt(k -> distance(identity(k), id)))
                .map(k -> isEnvSpelling(name) ? envSpelling(k) : k);
    }

    /** A configured value as shown in a message: trimmed, printable, at most 40 characters. */
    public static String shown(String raw) {
        String v = raw.strip().replaceAll("\\p{Cntrl}", "?");
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
