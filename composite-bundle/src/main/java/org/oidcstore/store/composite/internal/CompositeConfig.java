package org.oidcstore.store.composite.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.oidcstore.store.composite.internal.metrics.TimerSampling;
import org.oidcstore.store.spi.StoreSettings;

/**
 * Everything the composite reads from a configuration, read once and the same way by the CDI
 * extension (MicroProfile Config), the builder's {@code config(..)} methods and, through the
 * builder, the OSGi service (Configuration Admin): the routing keys ({@link RouteKeys}), the
 * static clients, the shared settings of {@link StoreSettings} (pepper, clock skew, the unpeppered
 * acknowledgement) and the names that misspell a known key (OIDCS-2007), all handed to the
 * validator as facts, so that the three report the same problems in the same order.
 */
public final class CompositeConfig {
    /** What {@link StoreSettings#unsafeSettings} can report: a backend reporting it reports the shared setting. */
    private static final Set<String> SHARED = Set.copyOf(StoreSettings.unsafeSettings(k -> Optional.empty()));

    private final ConfigLookup lookup;
    private final boolean present;
    private final StaticClients.Result statics;

    private CompositeConfig(ConfigLookup lookup, boolean present) {
        this.lookup = lookup;
        this.present = present;
        this.statics = present ? StaticClients.read(lookup) : new StaticClients.Result(List.of(),
                List.of(), List.of());
    }

    /** The configuration of a deployment, or of the builder after {@code config(..)}. */
    public static CompositeConfig read(ConfigLookup lookup) {
        return new CompositeConfig(lookup, true);
    }

    /** No configuration at all (a builder without {@code config(..)}): only the stores' own reports count. */
    public static CompositeConfig absent() {
        return new CompositeConfig(ConfigLookup.of(Map.of()), false);
    }

    public ConfigLookup lookup() {
        return lookup;
    }

    /** The raw value of {@code oidc.store.kinds}, in any spelling. */
    public Optional<String> kinds() {
        return lookup.get(ConfigKeys.KINDS_KEY);
    }

    /** The raw value of {@code oidc.store.sessions.durability}, in any spelling. */
    public Optional<String> posture() {
        return lookup.get(ConfigKeys.SESSION_DURABILITY_KEY);
    }

    /** How many store calls per timed one ({@code oidc.store.metrics.timer-sampling}); empty when unset (each tier's default). */
    public Optional<TimerSampling> timerSampling() {
        return TimerSampling.configured(lookup);
    }

    public StaticClients.Result staticClients() {
        return statics;
    }

    /**
     * Adds what the configuration says to {@code facts}: the routes, the posture, the kind list, the
     * declared static clients, the names that misspell a known key, and the problems of the shared
     * settings and of the static-client declarations.
     */
    public RoutingFacts.Builder routing(RoutingFacts.Builder facts) {
        RouteKeys.read(lookup, facts);
        statics.ids().forEach(facts::staticClientDeclared);
        if (present) {
            misspelt().forEach(facts::misspeltKey);
            StoreSettings.problems(lookup::get).forEach(facts::reportedProblem);
            statics.problems().forEach(facts::reportedProblem);
            TimerSampling.problem(lookup).ifPresent(facts::reportedProblem);
        }
        return facts;
    }

    /** What a backend reports as unsafe, without the shared settings (those are the configuration's, OIDCS-2061). */
    public static List<String> ownUnsafe(List<String> reported) {
        return reported.stream().filter(s -> !SHARED.contains(s)).toList();
    }

    /**
     * The shared unsafe settings, each once: the configuration's own (no pepper) and those the
     * backends report; none when the operator acknowledged them by name.
     *
     * @param reported what each backend reports as unsafe
     */
    public List<String> sharedUnsafe(Collection<List<String>> reported) {
        Set<String> out = new LinkedHashSet<>();
        if (present) {
            out.addAll(StoreSettings.unsafeSettings(lookup::get));
        }
        reported.forEach(r -> r.stream().filter(SHARED::contains).forEach(out::add));
        return acknowledged() ? List.of() : List.copyOf(out);
    }

    /** The shared risk the operator acknowledged by name (OIDCS-2062): digests without a pepper. */
    public List<String> acknowledgedRisks(Collection<List<String>> reported) {
        boolean unpeppered = (present
                && lookup.get(StoreSettings.SECRET_PEPPER_KEY).filter(v -> !v.isBlank()).isEmpty())
                || reported.stream().anyMatch(r -> r.stream().anyMatch(SHARED::contains));
        if (!acknowledged() || !unpeppered) {
            return List.of();
        }
        return List.of(CompositeMessages.ACKNOWLEDGED_RISK + " acknowledged risk: " + StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY + "=true, so"
                + " bearer secrets are digested without a pepper (plain SHA-256) and anyone who can write to the"
                + " database or Redis can mint tokens. Never in production: set " + StoreSettings.SECRET_PEPPER_KEY
                + " and remove the flag.");
    }

    /** A risk backend {@code label} reports as acknowledged, as the warning logged at deployment. */
    public static String backendRisk(String label, String sentence) {
        return CompositeMessages.ACKNOWLEDGED_RISK + " acknowledged risk of backend " + label + ": " + sentence.strip();
    }

    private boolean acknowledged() {
        return present && StoreSettings.unpepperedAcknowledged(lookup::get);
    }

    /** Names misspelling a known key, each once (an environment variable and its alias are one name). */
    private Map<String, String> misspelt() {
        Map<String, String> byIdentity = new TreeMap<>();
        for (String name : lookup.names()) {
            if (ConfigKeys.misspelt(name).isPresent() && lookup.get(name).isPresent()) {
                byIdentity.merge(ConfigKeys.identity(name), name, (a, b) -> ConfigKeys.isEnvSpelling(b) ? b : a);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        byIdentity.values().forEach(n -> out.put(n, ConfigKeys.misspelt(n).orElseThrow()));
        return out;
    }
}
