package org.oidcstore.store.composite.internal;

import static org.oidcstore.store.composite.internal.ConfigKeys.DEFAULT_ROUTE_KEY;
import static org.oidcstore.store.composite.internal.ConfigKeys.ENV_ROUTE_PREFIX;
import static org.oidcstore.store.composite.internal.ConfigKeys.KINDS_KEY;
import static org.oidcstore.store.composite.internal.ConfigKeys.ROUTE_PREFIX;
import static org.oidcstore.store.composite.internal.ConfigKeys.SESSION_DURABILITY_KEY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.tier.StoreTier;

/**
 * The one parser of the routing keys ({@code oidc.store.route.<kind>}, {@code oidc.store.route.default},
 * {@code oidc.store.sessions.durability}, {@code oidc.store.kinds}): the CDI extension, the builder's
 * {@code config(..)} methods and, through the builder, the OSGi service read and parse them here, and
 * nowhere else. Two steps, so that a bad value is reported rather than thrown:
 *
 * <ol>
 *   <li>{@link #read} collects the keys of a configuration, as written, into {@link RoutingFacts}.
 *       Each kind's canonical key is looked up by name, so MicroProfile Config's environment mapping
 *       and ordinals decide its value ({@code OIDC_STORE_ROUTE_CONSUMED_JWT_IDS} overrides
 *       {@code oidc.store.route.consumed-jwt-ids}). Property names are scanned as well, so that a
 *       misspelt kind ({@code oidc.store.route.sesions}) is reported instead of ignored and another
 *       spelling of a kind ({@code oidc.store.route.consumed_jwt_ids}) is honoured. Names that only
 *       repeat a key already read (SmallRye also lists {@code oidc.store.route.grant} for the variable
 *       {@code OIDC_STORE_ROUTE_GRANT}) are dropped, so that each setting is judged once. Prefixes
 *       match in any case.</li>
 *   <li>{@link #parse} turns those facts into tiers, a posture and the hosted kinds — rule 1 of
 *       {@link RoutingValidator}, reporting what cannot be parsed (OIDCS-2001 … 2005), worded by
 *       {@link RoutingText}.</li>
 * </ol>
 */
final class RouteKeys {
    private RouteKeys() {
    }

    /** A configured route that parsed. */
    record Configured(StoreTier tier, String key, String raw) {
        String reason() {
            return key + "=" + raw.trim();
        }
    }

    /**
     * What the routing keys say.
     *
     * @param problems rule-1 problems in the validator's order: unknown kinds, the kind list, bad
     *     tiers, a bad posture, disagreeing spellings
     * @param kindRoutes the routes of kinds that parsed
     * @param defaultRoute {@code oidc.store.route.default}, or {@code null}
     * @param posture the explicitly set posture, if it parsed
     * @param hosted the kinds the composite hosts (all unless {@code oidc.store.kinds} lists fewer)
     */
    record Parsed(List<RoutingProblem> problems, Map<StoreKind, Configured> kindRoutes, Configured defaultRoute,
            Optional<SessionDurability> posture, Set<StoreKind> hosted) {
    }

    // ---- the grammar

    /** Whether {@code name} is a route key, dotted or as an environment variable, in any case. */
    static boolean isRouteKey(String name) {
        return name.regionMatches(true, 0, ROUTE_PREFIX, 0, ROUTE_PREFIX.length()) || isEnvRouteKey(name);
    }

    private static boolean isEnvRouteKey(String name) {
        return name.regionMatches(true, 0, ENV_ROUTE_PREFIX, 0, ENV_ROUTE_PREFIX.length());
    }

    /** The part of a route key after its prefix ({@code sessions}, {@code CONSUMED_JWT_IDS}). */
    static String suffix(String key) {
        if (key.regionMatches(true, 0, ROUTE_PREFIX, 0, ROUTE_PREFIX.length())) {
            return key.substring(ROUTE_PREFIX.length());
        }
        return isEnvRouteKey(key) ? key.substring(ENV_ROUTE_PREFIX.length()) : key;
    }

    /**
     * The kind a route-key suffix or a kind-list entry names, in any spelling MicroProfile Config
     * produces for it ({@code consumed-jwt-ids}, {@code CONSUMED_JWT_IDS}, {@code consumed.jwt.ids}).
     */
    static Optional<StoreKind> kind(String suffix) {
        return StoreKind.fromConfigName(suffix.strip().replaceAll("[^A-Za-z0-9]", "-"));
    }

    /** Whether a route-key suffix is {@code default}. */
    static boolean isDefault(String suffix) {
        return suffix.equalsIgnoreCase("default");
    }

    /** A tier value: {@code durable} or {@code volatile}, any case, blanks ignored. */
    static Optional<StoreTier> tier(String raw) {
        return StoreTier.fromConfigName(raw);
    }

    /** A posture value: {@code durable} or {@code volatile}, any case, blanks ignored. */
    static Optional<SessionDurability> posture(String raw) {
        return SessionDurability.fromConfigName(raw);
    }

    /**
     * The route key closest to a misspelt one, in the spelling of {@code key}, when it is close
     * enough to be a likely typo; empty otherwise.
     */
    static Optional<String> closestRouteKey(String key) {
        Optional<String> best = closest(suffix(key), true);
        boolean env = isEnvRouteKey(key);
        return best.map(b -> env ? ENV_ROUTE_PREFIX + b.toUpperCase(Locale.ROOT).replace('-', '_') : ROUTE_PREFIX + b);
    }

    /** The kind closest to a misspelt kind-list entry, when close enough; empty otherwise. */
    static Optional<String> closestKind(String entry) {
        return closest(entry, false);
    }

    private static Optional<String> closest(String written, boolean orDefault) {
        String normalized = written.toLowerCase(Locale.ROOT).replace('_', '-');
        List<String> names = new ArrayList<>(kindNames());
        if (orDefault) {
            names.add("default");
        }
        String best = names.stream().min(Comparator.comparingInt(n -> ConfigKeys.distance(n, normalized)))
                .orElseThrow();
        return ConfigKeys.distance(best, normalized) <= Math.max(2, normalized.length() / 4) ? Optional.of(best)
                : Optional.empty();
    }

    /** Every kind's configuration name, in enum order. */
    static List<String> kindNames() {
        return Arrays.stream(StoreKind.values()).map(StoreKind::configName).toList();
    }

    // ---- step 1: reading a configuration

    /** Adds the routes, the posture and the kind list of {@code config}, as written, to {@code facts}. */
    static RoutingFacts.Builder read(ConfigLookup config, RoutingFacts.Builder facts) {
        Map<String, String> canonical = new LinkedHashMap<>();
        config.get(DEFAULT_ROUTE_KEY).ifPresent(v -> canonical.put(DEFAULT_ROUTE_KEY, v));
        for (StoreKind kind : StoreKind.values()) {
            String key = ROUTE_PREFIX + kind.configName();
            config.get(key).ifPresent(v -> canonical.put(key, v));
        }
        Map<String, String> others = new LinkedHashMap<>(); // identity -> name as written
        for (String name : config.names()) {
            boolean env = ConfigKeys.isEnvSpelling(name);
            if (!isRouteKey(name) || canonical.containsKey(name)) {
                continue;
            }
            Optional<String> value = config.get(name);
            if (value.isEmpty()) {
                continue;
            }
            String suffix = suffix(name);
            Optional<StoreKind> kind = kind(suffix);
            if (kind.isPresent() || isDefault(suffix)) {
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
        Optional<StoreTier> ta = tier(a);
        return ta.isPresent() && ta.equals(tier(b));
    }

    // ---- step 2: parsing what was read

    /** Rule 1 of the validator: parses the routing keys of {@code facts}, reporting what does not parse. */
    static Parsed parse(RoutingFacts facts, RoutingText text) {
        List<RoutingProblem> unknown = new ArrayList<>();
        List<RoutingProblem> badTier = new ArrayList<>();
        List<RoutingProblem> conflicting = new ArrayList<>();
        Map<StoreKind, Configured> kindRoutes = new EnumMap<>(StoreKind.class);
        Configured defaultRoute = null;
        for (Map.Entry<String, String> e : new TreeMap<>(facts.routes()).entrySet()) {
            String key = e.getKey();
            String raw = e.getValue();
            String suffix = suffix(key);
            Optional<StoreTier> tier = tier(raw);
            Optional<StoreKind> kind = kind(suffix);
            if (!isDefault(suffix) && kind.isEmpty()) {
                unknown.add(text.unknownKind(key, closestRouteKey(key)));
            } else if (tier.isEmpty()) {
                badTier.add(RoutingText.notATier(key, raw));
            } else if (isDefault(suffix)) {
                Configured c = new Configured(tier.get(), key, raw);
                if (defaultRoute != null && defaultRoute.tier() != c.tier()) {
                    conflicting.add(RoutingText.conflict(defaultRoute.reason(), c.reason()));
                } else if (defaultRoute == null) {
                    defaultRoute = c;
                }
            } else {
                Configured c = new Configured(tier.get(), key, raw);
                Configured prev = kindRoutes.putIfAbsent(kind.get(), c);
                if (prev != null && prev.tier() != c.tier()) {
                    conflicting.add(RoutingText.conflict(prev.reason(), c.reason()));
                }
            }
        }
        List<RoutingProblem> badPosture = new ArrayList<>();
        Optional<SessionDurability> posture = facts.sessionDurability().flatMap(RouteKeys::posture);
        if (facts.sessionDurability().isPresent() && posture.isEmpty()) {
            badPosture.add(RoutingText.notAPosture(facts.sessionDurability().get()));
        }
        Set<StoreKind> hosted = EnumSet.allOf(StoreKind.class);
        List<RoutingProblem> problems = new ArrayList<>(unknown);
        problems.addAll(parseKinds(facts, text, hosted));
        problems.addAll(badTier);
        problems.addAll(badPosture);
        problems.addAll(conflicting);
        return new Parsed(problems, kindRoutes, defaultRoute, posture, hosted);
    }

    /** {@code oidc.store.kinds}: narrows {@code hosted}; all kinds stay when unset or unreadable. */
    private static List<RoutingProblem> parseKinds(RoutingFacts facts, RoutingText text, Set<StoreKind> hosted) {
        List<RoutingProblem> out = new ArrayList<>();
        if (facts.kinds().isEmpty()) {
            return out;
        }
        Set<StoreKind> listed = EnumSet.noneOf(StoreKind.class);
        for (String part : facts.kinds().get().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Optional<StoreKind> kind = kind(part.strip());
            if (kind.isPresent()) {
                listed.add(kind.get());
            } else {
                out.add(text.unknownListedKind(part.strip(), closestKind(part.strip())));
            }
        }
        if (listed.isEmpty() && out.isEmpty()) {
            out.add(text.noListedKind(facts.kinds().get()));
        }
        for (StoreKind bound : facts.bindings().keySet()) {
            if (!listed.isEmpty() && !listed.contains(bound)) {
                out.add(text.boundButNotListed(bound, listed));
            }
        }
        if (!listed.isEmpty()) {
            hosted.retainAll(listed);
        }
        return out;
    }
}
