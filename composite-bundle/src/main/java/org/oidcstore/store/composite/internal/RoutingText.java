package org.oidcstore.store.composite.internal;

import static org.oidcstore.store.composite.internal.ConfigKeys.ROUTE_PREFIX;
import static org.oidcstore.store.composite.internal.ConfigKeys.SESSION_DURABILITY_KEY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.internal.RoutingFacts.Binding;
import org.oidcstore.store.composite.internal.RoutingFacts.Origin;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.tier.StoreTier;

/**
 * The wording of the routing problems: each names the kinds, tiers and backends involved and ends
 * with the fix (the key and value to set, or the builder call). Kept apart from the rules so that
 * {@code RoutingValidator} reads as the list of rules.
 */
public final class RoutingText {
    private static final String KINDS = ConfigKeys.KINDS_KEY;

    private final RoutingFacts facts;
    private final boolean deployment;

    public RoutingText(RoutingFacts facts) {
        this.facts = facts;
        this.deployment = facts.origin() == Origin.DEPLOYMENT;
    }

    static String kinds(Collection<StoreKind> kinds) {
        return kinds.stream().map(StoreKind::configName).collect(Collectors.joining(", "));
    }

    static String routeKey(StoreKind kind) {
        return ROUTE_PREFIX + kind.configName();
    }

    private static StoreTier other(StoreTier tier) {
        return tier == StoreTier.DURABLE ? StoreTier.VOLATILE : StoreTier.DURABLE;
    }

    private static String bundles(StoreTier tier) {
        return tier == StoreTier.DURABLE ? "the oidc-store jpa bundle" : "the oidc-store memory or redis bundle";
    }

    private static String withReasons(Map<StoreKind, Placed> kinds) {
        return kinds.entrySet().stream().map(e -> e.getKey().configName() + " (" + e.getValue().text() + ")")
                .collect(Collectors.joining(", "));
    }

    /** The setting that moves {@code kind} (placed for {@code reason}) to {@code tier}. */
    private static String moveKey(StoreKind kind, Placed reason, StoreTier tier) {
        return reason.by() == Placed.By.POSTURE ? SESSION_DURABILITY_KEY + "=" + tier.configName()
                : routeKey(kind) + "=" + tier.configName();
    }

    /** OIDCS-2001: a route key names no kind; {@code closest} is the likely key meant, if any. */
    public RoutingProblem unknownKind(String key, Optional<String> closest) {
        String hint = closest.map(c -> " (did you mean " + c + "?)").orElse("");
        return RoutingProblem.of(CompositeMessages.UNKNOWN_ROUTE_KIND, key + " names no store kind" + hint
                + ". Known kinds: " + kinds(Arrays.asList(StoreKind.values()))
                + "; route keys are oidc.store.route.<kind> in kebab case, or OIDC_STORE_ROUTE_<KIND> as"
                + " environment variables. Fix: rename the key" + closest.map(c -> " to " + c).orElse("")
                + " or remove it.");
    }

    /** OIDCS-2005: an entry of {@code oidc.store.kinds} names no kind; {@code closest} is the likely kind meant. */
    public RoutingProblem unknownListedKind(String entry, Optional<String> closest) {
        String hint = closest.map(c -> " (did you mean " + c + "?)").orElse("");
        return RoutingProblem.of(CompositeMessages.KIND_LIST, KINDS + " lists '" + ConfigKeys.shown(entry)
                + "', which names no store kind" + hint + ". Known kinds: " + kinds(Arrays.asList(StoreKind.values()))
                + ". Fix: correct or remove the entry" + (deployment ? "" : " (builder: kinds(Set<StoreKind>))")
                + "; leave " + KINDS + " unset to host every kind.");
    }

    /** OIDCS-2002: a route value is no tier. */
    static RoutingProblem notATier(String key, String raw) {
        return RoutingProblem.of(CompositeMessages.NOT_A_TIER, key + " has the value '" + ConfigKeys.shown(raw)
                + "', which is not a tier. Fix: set " + key + "=durable or " + key + "=volatile.");
    }

    /** OIDCS-2003: the session durability posture is no posture. */
    static RoutingProblem notAPosture(String raw) {
        String key = SESSION_DURABILITY_KEY;
        return RoutingProblem.of(CompositeMessages.NOT_A_POSTURE, key + " has the value '" + ConfigKeys.shown(raw)
                + "', which is not a posture. Fix: set " + key + "=durable (the default: sessions survive"
                + " restarts) or " + key + "=volatile (a lost session is a silent logout).");
    }

    /** OIDCS-2005: {@code oidc.store.kinds} lists no kind at all. */
    public RoutingProblem noListedKind(String raw) {
        return RoutingProblem.of(CompositeMessages.KIND_LIST, KINDS + " has the value '" + ConfigKeys.shown(raw)
                + "', which lists no kind. Fix: list the kinds the composite hosts in kebab case, comma separated"
                + " (e.g. " + KINDS + "=consumed-jwt-ids,pushed-authorization-requests), or leave it unset to host every kind.");
    }

    /** OIDCS-2005: the builder binds a kind with {@code with(kind, store)} that the kind list leaves out. */
    public RoutingProblem boundButNotListed(StoreKind kind, Set<StoreKind> listed) {
        return RoutingProblem.of(CompositeMessages.KIND_LIST, "with(" + kind + ", store) binds " + kind.configName()
                + ", but the composite's kinds (" + kinds(listed) + ") leave it out. Fix: add " + kind.configName()
                + " to the kinds, or remove the binding.");
    }

    public static RoutingProblem conflict(String first, String second) {
        return RoutingProblem.of(CompositeMessages.SPELLINGS_DISAGREE, "two spellings of one route disagree: " + first + " and " + second
                + ". Fix: keep one of them.");
    }

    public RoutingProblem noBackend(StoreTier tier, Map<StoreKind, Placed> stranded, Set<StoreKind> explicitlyRouted) {
        StoreTier other = other(tier);
        String what = deployment ? "no backend is deployed for the " + tier.configName() + " tier"
                : "no store is given for the " + tier.configName() + " tier";
        StringBuilder fix = new StringBuilder(deployment
                ? "deploy a " + tier.configName() + " backend (" + bundles(tier) + ")"
                : "give one with withTier(StoreTier." + tier + ", store) or with(kind, store)");
        fix.append(", or route them to the ").append(other.configName()).append(" tier");
        boolean onlyDefaults = stranded.keySet().stream().noneMatch(explicitlyRouted::contains)
                && stranded.values().stream().noneMatch(r -> r.by() == Placed.By.POSTURE);
        if (onlyDefaults) {
            fix.append(": ").append(ROUTE_PREFIX).append("default=").append(other.configName())
                    .append(" (every kind without its own route), or one by one ");
        } else {
            fix.append(": ");
        }
        fix.append(stranded.entrySet().stream().map(e -> moveKey(e.getKey(), e.getValue(), other))
                .distinct().collect(Collectors.joining(", ")));
        return RoutingProblem.of(CompositeMessages.NO_BACKEND_FOR_TIER, what + ", but " + withReasons(stranded)
                + " are routed to it; a kind is never moved to another tier silently. Fix: " + fix + ".");
    }

    public RoutingProblem notHosted(BackendFacts backend, Map<StoreKind, Placed> kinds) {
        List<String> fixes = new ArrayList<>();
        for (Map.Entry<StoreKind, Placed> e : kinds.entrySet()) {
            StoreKind kind = e.getKey();
            if (e.getValue().by() == Placed.By.BINDING) {
                fixes.add("bind " + kind.configName() + " to a store that hosts it with with(" + kind + ", store)");
            } else {
                StoreTier other = other(backend.tier());
                List<BackendFacts> hosts = facts.backendsOf(other).stream().filter(b -> b.kinds().contains(kind))
                        .toList();
                fixes.add((hosts.size() == 1 ? moveKey(kind, e.getValue(), other) + " (backend '" + hosts.get(0).name()
                        + "' hosts it), or " : "") + "deploy a " + backend.tier().configName()
                        + " backend that hosts " + kind.configName());
            }
        }
        String hosts = backend.kinds().isEmpty() ? "nothing" : kinds(backend.kinds());
        return RoutingProblem.of(CompositeMessages.BACKEND_DOES_NOT_HOST, "backend " + backend.label() + " does not host " + withReasons(kinds)
                + "; it hosts " + hosts + ". Fix: " + String.join("; ", fixes) + ".");
    }

    public RoutingProblem clusterSplit(Map<BackendFacts, Map<StoreKind, Placed>> byBackend, Set<StoreKind> explicit) {
        BackendFacts target = byBackend.entrySet().stream()
                .max(Comparator.<Map.Entry<BackendFacts, Map<StoreKind, Placed>>>comparingInt(
                        e -> e.getKey().transactional() ? 1 : 0).thenComparingInt(e -> e.getValue().size()))
                .orElseThrow().getKey();
        String where = byBackend.entrySet().stream().map(e -> withReasons(e.getValue()) + " on "
                + e.getKey().label()).collect(Collectors.joining("; "));
        List<String> fixes = new ArrayList<>();
        byBackend.forEach((backend, kinds) -> {
            if (!backend.equals(target)) {
                kinds.forEach((kind, reason) -> fixes.add(reason.by() == Placed.By.BINDING
                        ? "with(" + kind + ", <the '" + target.name() + "' store>)"
                        : routeKey(kind) + "=" + target.tier().configName()
                                + (explicit.contains(kind) ? " (or remove that route)" : "")));
            }
        });
        return RoutingProblem.of(CompositeMessages.CLUSTER_SPLIT, "the transactional cluster (" + kinds(StoreKind.TRANSACTIONAL_CLUSTER)
                + ") is split across backends: " + where + ". These kinds commit together in one JTA transaction"
                + " (a code with its grant, a refresh-token rotation), so they must live on one transactional"
                + " backend. Fix: route every cluster kind to the " + target.tier().configName() + " tier (backend '"
                + target.name() + "'): " + String.join(", ", fixes) + ".");
    }

    public RoutingProblem anchorNotTransactional(BackendFacts anchor) {
        String fix = deployment
                ? "deploy a transactional backend for the " + anchor.tier().configName() + " tier (the oidc-store jpa"
                        + " bundle, whose producer carries @BackendInfo(transactional = true)) instead of '"
                        + anchor.name() + "'"
                : "give the cluster kinds a transactional store (e.g. JpaStores) instead of '" + anchor.name() + "'";
        if (anchor.origin().endsWith("(no @BackendInfo)")) {
            fix += "; if '" + anchor.name() + "' is transactional, put @BackendInfo(name = \"<backend>\","
                    + " transactional = true) on that producer class: without it, a backend counts as not transactional";
        }
        return RoutingProblem.of(CompositeMessages.ANCHOR_NOT_TRANSACTIONAL, "the transactional cluster (" + kinds(StoreKind.TRANSACTIONAL_CLUSTER)
                + ") is anchored on backend " + anchor.label() + ", which is not transactional: issuing a code with"
                + " its grant, or rotating a refresh token, could not commit atomically. Fix: " + fix + ".");
    }

    public RoutingProblem postureContradictsRoute(SessionDurability posture, String route, String routeKey) {
        return RoutingProblem.of(CompositeMessages.POSTURE_CONTRADICTS_ROUTE, "the session durability posture " + SESSION_DURABILITY_KEY + "="
                + posture.configName() + " contradicts " + route + ": the posture decides where sessions live and"
                + " tags the session metrics, so both must agree. Fix: remove " + routeKey
                + " (the posture routes sessions), or set " + SESSION_DURABILITY_KEY + "="
                + (posture == SessionDurability.DURABLE ? "volatile" : "durable") + ".");
    }

    public RoutingProblem postureContradictsBinding(SessionDurability posture, StoreKind kind, Binding binding) {
        String bound = "with(" + kind + ", store)";
        return RoutingProblem.of(CompositeMessages.POSTURE_CONTRADICTS_ROUTE, "the session durability posture " + posture.configName()
                + " contradicts " + bound + ", which puts sessions on backend " + binding.backend().label()
                + ". Fix: sessionDurability(SessionDurability."
                + SessionDurability.of(binding.backend().tier()) + "), or bind sessions to a "
                + posture.configName() + " store with with(" + kind + ", store).");
    }

    public RoutingProblem unsafe(BackendFacts backend, String setting) {
        String sentence = setting.strip().endsWith(".") ? setting.strip() : setting.strip() + ".";
        return RoutingProblem.of(CompositeMessages.UNSAFE_SETTING, "backend " + backend.label() + " reports an unsafe setting: "
                + sentence + " The composite does not start while a backend reports one. Fix: as the setting"
                + " says; on a development machine only, acknowledge it with the backend's explicitly named"
                + " dev-mode flag.");
    }

    /** OIDCS-2061: an unsafe setting of the configuration every backend shares (no pepper). */
    public RoutingProblem unsafeShared(String setting) {
        String sentence = setting.strip().endsWith(".") ? setting.strip() : setting.strip() + ".";
        return RoutingProblem.of(CompositeMessages.UNSAFE_SHARED_SETTING, "unsafe setting: " + sentence + " The composite does not start while"
                + " it is not acknowledged.");
    }

    /** OIDCS-2007: {@code name} misspells {@code key}, so its value would be ignored. The value is never shown. */
    public static RoutingProblem misspelt(String name, String key) {
        return RoutingProblem.of(CompositeMessages.MISSPELT_KEY, name + " is not a key of oidc-store (did you mean "
                + key + "?), so its value would be ignored. Fix: rename it to " + key + ", or remove it.");
    }

    private static String qualifier(StoreTier tier) {
        return "@" + (tier == StoreTier.DURABLE ? "Durable" : "Volatile");
    }

    /** OIDCS-2072: a tier's aggregate bean carries no {@code @BackendInfo}. */
    public static RoutingProblem unnamedBackend(RoutingFacts.UnnamedBackend b) {
        return RoutingProblem.of(CompositeMessages.NO_BACKEND_INFO, "the " + qualifier(b.tier()) + " OidcStore bean "
                + b.bean() + " carries no @BackendInfo, so the composite cannot know its name, kinds or transactions"
                + " without creating it. Fix: annotate its producer class with @BackendInfo(name = …,"
                + " transactional = …, kinds = <its HostedKinds declaration>).");
    }

    /** OIDCS-2071: a backend offers its aggregate through several beans of its tier. */
    public static RoutingProblem ambiguousBackend(RoutingFacts.AmbiguousBackend b) {
        return RoutingProblem.of(CompositeMessages.AMBIGUOUS_AGGREGATE, "backend '" + b.name() + "' ("
                + b.tier().configName() + " tier) has " + b.beans().size() + " " + qualifier(b.tier())
                + " OidcStore beans: " + String.join(", ", b.beans()) + "; the composite's lookup would be"
                + " ambiguous. Fix: produce the backend's aggregate once (its substore beans are derived from"
                + " @BackendInfo(kinds = …)).");
    }

    public RoutingProblem severalBackends(StoreTier tier, List<BackendFacts> backends) {
        String list = backends.stream().sorted(Comparator.comparing(BackendFacts::name))
                .map(b -> "'" + b.name() + "' (" + b.origin() + ")")
                .collect(Collectors.joining(", "));
        String fix = deployment ? "deploy exactly one " + tier.configName() + " backend: remove the bundles of all"
                + " but one from the deployment"
                : "pass exactly one store per tier to withTier(StoreTier." + tier + ", store)";
        return RoutingProblem.of(CompositeMessages.SEVERAL_BACKENDS_PER_TIER, backends.size() + " backends are present for the "
                + tier.configName() + " tier: " + list + "; which one would serve its kinds is undefined, so none"
                + " is chosen. Fix: " + fix + ".");
    }
}
