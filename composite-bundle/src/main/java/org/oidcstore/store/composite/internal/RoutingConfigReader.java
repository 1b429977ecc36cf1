package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.tier.StoreTier;

/**
 * Rule 1 of {@link RoutingValidator}: reads the routes, the posture and the hosted kinds from the
 * raw configuration, reporting what cannot be read (OIDCS-2001 … 2005) instead of throwing, so that
 * the later rules still judge everything that could be read.
 */
final class RoutingConfigReader {
    private RoutingConfigReader() {
    }

    /** A configured route that parsed. */
    record Configured(StoreTier tier, String key, String raw) {
        String reason() {
            return key + "=" + raw.trim();
        }
    }

    /**
     * What the configuration says.
     *
     * @param problems rule-1 problems in the validator's order: unknown kinds, the kind list, bad
     *     tiers, a bad posture, disagreeing spellings
     * @param kindRoutes the routes of kinds that parsed
     * @param defaultRoute {@code oidc.store.route.default}, or {@code null}
     * @param posture the explicitly set posture, if it parsed
     * @param hosted the kinds the composite hosts (all twelve unless {@code oidc.store.kinds} lists fewer)
     */
    record Read(List<RoutingProblem> problems, Map<StoreKind, Configured> kindRoutes, Configured defaultRoute,
            Optional<SessionDurability> posture, Set<StoreKind> hosted) {
    }

    static Read read(RoutingFacts facts, RoutingText text) {
        List<RoutingProblem> unknown = new ArrayList<>();
        List<RoutingProblem> badTier = new ArrayList<>();
        List<RoutingProblem> conflicting = new ArrayList<>();
        Map<StoreKind, Configured> kindRoutes = new EnumMap<>(StoreKind.class);
        Configured defaultRoute = null;
        for (Map.Entry<String, String> e : new TreeMap<>(facts.routes()).entrySet()) {
            String key = e.getKey();
            String raw = e.getValue();
            String suffix = ConfigKeys.suffix(key);
            Optional<StoreTier> tier = StoreTier.fromConfigName(raw);
            boolean isDefault = ConfigKeys.isDefault(suffix);
            Optional<StoreKind> kind = ConfigKeys.kindOf(suffix);
            if (!isDefault && kind.isEmpty()) {
                unknown.add(text.unknownKind(key, suffix));
            } else if (tier.isEmpty()) {
                badTier.add(RoutingProblem.of(CompositeMessages.NOT_A_TIER, key + " has the value '" + ConfigKeys.shown(raw)
                        + "', which is not a tier. Fix: set " + key + "=durable or " + key + "=volatile."));
            } else if (isDefault) {
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
        Optional<SessionDurability> posture = Optional.empty();
        if (facts.sessionDurability().isPresent()) {
            String raw = facts.sessionDurability().get();
            posture = SessionDurability.fromConfigName(raw);
            if (posture.isEmpty()) {
                String key = ConfigKeys.SESSION_DURABILITY_KEY;
                badPosture.add(RoutingProblem.of(CompositeMessages.NOT_A_POSTURE, key + " has the value '" + ConfigKeys.shown(raw)
                        + "', which is not a posture. Fix: set " + key + "=durable (the default: sessions survive"
                        + " restarts) or " + key + "=volatile (a lost session is a silent logout)."));
            }
        }
        Set<StoreKind> hosted = EnumSet.allOf(StoreKind.class);
        List<RoutingProblem> problems = new ArrayList<>(unknown);
        problems.addAll(readKinds(facts, text, hosted));
        problems.addAll(badTier);
        problems.addAll(badPosture);
        problems.addAll(conflicting);
        return new Read(problems, kindRoutes, defaultRoute, posture, hosted);
    }

    /** {@code oidc.store.kinds}: narrows {@code hosted}; all twelve stay when unset or unreadable. */
    private static List<RoutingProblem> readKinds(RoutingFacts facts, RoutingText text, Set<StoreKind> hosted) {
        List<RoutingProblem> out = new ArrayList<>();
        if (facts.kinds().isEmpty()) {
            return out;
        }
        Set<StoreKind> listed = EnumSet.noneOf(StoreKind.class);
        for (String part : facts.kinds().get().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Optional<StoreKind> kind = ConfigKeys.kindOf(part.strip());
            if (kind.isPresent()) {
                listed.add(kind.get());
            } else {
                out.add(text.unknownListedKind(part.strip()));
            }
        }
        if (listed.isEmpty() && out.isEmpty()) {
            out.add(text.noListedKind(facts.kinds().get()));
        }
        for (StoreKind bound : facts.bindings().keySet()) {
            if (!listed.isEmpty() && !listed.contains(bound) && facts.bindings().get(bound).explicit()) {
                out.add(text.boundButNotListed(bound, listed));
            }
        }
        if (!listed.isEmpty()) {
            hosted.retainAll(listed);
        }
        return out;
    }
}
