package org.oidcstore.store.composite.internal;

import static org.oidcstore.store.composite.internal.ConfigKeys.DEFAULT_ROUTE_KEY;
import static org.oidcstore.store.composite.internal.ConfigKeys.KINDS_KEY;
import static org.oidcstore.store.composite.internal.ConfigKeys.ROUTE_PREFIX;
import static org.oidcstore.store.composite.internal.ConfigKeys.SESSION_DURABILITY_KEY;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tier.StoreTier;

/**
 * Reads the routing keys for {@link RoutingFacts}. Each kind's canonical key is looked up by name,
 * so MicroProfile Config's environment mapping and ordinals decide its value
 * ({@code OIDC_STORE_ROUTE_CONSUMED_JWT_IDS} overrides {@code oidc.store.route.consumed-jwt-ids}).
 * Property names are scanned as well, so that a misspelt kind ({@code oidc.store.route.sesions},
 * {@code OIDC_STORE_ROUTE_SESIONS}) is reported instead of ignored, and another spelling of a kind
 * ({@code oidc.store.route.consumed_jwt_ids}) is honoured. Names that only repeat a key already read
 * (SmallRye also lists {@code oidc.store.route.grant} for the variable {@code OIDC_STORE_ROUTE_GRANT})
 * are dropped, so that each setting is judged once. Prefixes match in any case, as the builder
 * always matched them. {@code oidc.store.kinds} (the hosted kinds) is read as written, for the
 * validator to judge. This is the one reader of these keys: the CDI extension, the builder's
 * {@code config(..)} methods and (through the builder) the OSGi service all read them here.
 */
public final class RoutingConfig {
    private RoutingConfig() {
    }

    /** Adds the configured routes and posture of {@code config} to {@code facts}. */
    public static RoutingFacts.Builder read(ConfigLookup config, RoutingFacts.Builder facts) {
        Map<String, String> canonical = new LinkedHashMap<>();
        config.get(DEFAULT_ROUTE_KEY).ifPresent(v -> canonical.put(DEFAULT_ROUTE_KEY, v));
        for (StoreKind kind : StoreKind.values()) {
            String key = ROUTE_PREFIX + kind.configName();
            config.get(key).ifPresent(v -> canonical.put(key, v));
        }
        Map<String, String> others = new LinkedHashMap<>(); // identity -> name as written
        for (String name : config.names()) {
            boolean env = ConfigKeys.isEnvSpelling(name);
            if (!ConfigKeys.isRouteKey(name) || canonical.containsKey(name)) {
                continue;
            }
            Optional<String> value = config.get(name);
            if (value.isEmpty()) {
                continue;
            }
            String suffix = ConfigKeys.suffix(name);
            Optional<StoreKind> kind = ConfigKeys.kindOf(suffix);
            if (kind.isPresent() || ConfigKeys.isDefault(suffix)) {
                String key = kind.map(k -> ROUTE_PREFIX + k.configName()).orElse(DEFAULT_ROUTE_KEY);
                if (canonical.containsKey(key) && sameTier(canonical.get(key), value.get())) {
                    continue; // an alias of the key already read, or a redundant spelling
                }
            }
            String identity = ConfigKeys.identity(name);
            String seen = others.get(identity);
            if (seen == null || env && !ConfigKeys.isEnvSpelling(seen)) {
                others.put(identity, name); // the environment variable is what the user wrote
            }
        }
        facts.routes(canonical);
        others.values().forEach(name -> facts.route(name, config.get(name).orElseThrow()));
        facts.sessionDurability(config.get(SESSION_DURABILITY_KEY).orElse(null));
        facts.kinds(config.get(KINDS_KEY).orElse(null));
        return facts;
    }

    private static boolean sameTier(String a, String b) {
        Optional<StoreTier> ta = StoreTier.fromConfigName(a);
        return ta.isPresent() && ta.equals(StoreTier.fromConfigName(b));
    }
}
