package org.oidcstore.store.osgi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.Route;
import org.oidcstore.store.osgi.internal.ThreeWays.Answer;
import org.oidcstore.store.tier.StoreTier;

/**
 * The same configuration means the same thing to a CDI deployment, to the Java SE builder and to
 * the OSGi service: the same problem ids in the same order, or the same routing table. Every case
 * lists the kinds (the OSGi service hosts only the volatile kinds by default, a deployment every
 * kind). In the Redis cases, the Redis bundle's own check reports the settings the tier refuses
 * at start.
 */
class ConfigurationAnswersTest {
    static final String PEPPER = OsgiStoreTest.PEPPER;
    static final String VOLATILE_KINDS = "sessions,interactions,consumed-jwt-ids,pushed-authorization-requests,"
            + "device-authorizations,ciba-requests";
    /** The always-volatile kinds: without sessions, whose default tier is the durable one. */
    static final String ALWAYS_VOLATILE = "interactions,consumed-jwt-ids,pushed-authorization-requests,"
            + "device-authorizations,ciba-requests";

    /**
     * @param expected the problem ids every way must report, in order; empty for a valid configuration
     * @param expectedRoutes for a valid configuration, some routes every table must hold (kind: tier/backend/reason)
     */
    record Case(String name, Map<String, String> properties, Map<String, String> environment, List<String> expected,
            Map<StoreKind, Route> expectedRoutes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static Map<String, String> memory(String... keyValues) {
        Map<String, String> m = props("oidc.store.volatile-backend", "memory", "oidc.store.secret-pepper", PEPPER);
        m.putAll(props(keyValues));
        return m;
    }

    private static Map<String, String> redis(String... keyValues) {
        Map<String, String> m = props("oidc.store.volatile-backend", "redis", "oidc.store.secret-pepper", PEPPER,
                "oidc.store.redis.user", "app", "oidc.store.redis.password", "app-secret",
                "oidc.store.kinds", ALWAYS_VOLATILE);
        m.putAll(props(keyValues));
        return m;
    }

    private static Route route(StoreKind kind, String backend, String reason) {
        return new Route(kind, StoreTier.VOLATILE, backend, reason);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("posture and kinds as environment variables", memory(),
                        props("OIDC_STORE_SESSIONS_DURABILITY", "volatile", "OIDC_STORE_KINDS", VOLATILE_KINDS),
                        List.of(), Map.of(StoreKind.SESSIONS, route(StoreKind.SESSIONS, "memory",
                                "oidc.store.sessions.durability=volatile"))),
                new Case("a route as an environment variable", memory("oidc.store.kinds", "interactions"),
                        props("OIDC_STORE_ROUTE_INTERACTIONS", "volatile"), List.of(),
                        Map.of(StoreKind.INTERACTIONS, route(StoreKind.INTERACTIONS, "memory",
                                "oidc.store.route.interactions=volatile"))),
                new Case("a posture that is none", memory("oidc.store.kinds", VOLATILE_KINDS,
                        "oidc.store.sessions.durability", "sometimes"), Map.of(), List.of("OIDCS-2003", "OIDCS-2010"),
                        Map.of()),
                new Case("a kind list naming no kind", memory("oidc.store.kinds", "consumed-jwt-id"), Map.of(),
                        List.of("OIDCS-2005", "OIDCS-2010"), Map.of()),
                new Case("a misspelt route", memory("oidc.store.kinds", ALWAYS_VOLATILE, "oidc.store.route.sesions",
                        "volatile"), Map.of(), List.of("OIDCS-2001"), Map.of()),
                new Case("a misspelt key", memory("oidc.store.kinds", ALWAYS_VOLATILE), props(
                        "OIDC_STORE_SESSION_DURABILITY", "volatile"), List.of("OIDCS-2007"), Map.of()),
                new Case("a bad pepper", memory("oidc.store.kinds", ALWAYS_VOLATILE, "oidc.store.secret-pepper",
                        "c2hvcnQ="), Map.of(), List.of("OIDCS-1010"), Map.of()),
                new Case("no pepper", props("oidc.store.volatile-backend", "memory", "oidc.store.kinds",
                        ALWAYS_VOLATILE), Map.of(), List.of("OIDCS-2061"), Map.of()),
                new Case("no pepper, acknowledged", props("oidc.store.volatile-backend", "memory", "oidc.store.kinds",
                        ALWAYS_VOLATILE, "oidc.store.dev-mode-allow-unpeppered-digests", "true"), Map.of(), List.of(),
                        Map.of()),
                new Case("Redis over TLS with AUTH", redis("oidc.store.redis.uri", "rediss://127.0.0.1:1"), Map.of(),
                        List.of(), Map.of(StoreKind.CONSUMED_JWT_IDS, route(StoreKind.CONSUMED_JWT_IDS, "redis",
                                "default tier"))),
                new Case("plaintext Redis", redis("oidc.store.redis.uri", "redis://127.0.0.1:1"), Map.of(),
                        List.of("OIDCS-2060", "OIDCS-1404"), Map.of()),
                new Case("Sentinel without AUTH", redis("oidc.store.redis.sentinel.master", "main",
                        "oidc.store.redis.sentinel.nodes", "rediss://127.0.0.1:1"), Map.of(), List.of("OIDCS-1417"),
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSameConfigurationGetsTheSameAnswerEverywhere(Case c) {
        Answer cdi = ThreeWays.cdi(c.properties(), c.environment());
        Answer builder = ThreeWays.builder(c.properties(), c.environment());
        Answer osgi = ThreeWays.osgi(c.properties(), c.environment());
        assertThat(builder).as("builder vs CDI").isEqualTo(cdi);
        assertThat(osgi).as("OSGi vs CDI").isEqualTo(cdi);
        if (c.expected().isEmpty()) {
            assertThat(cdi.ids()).isEmpty();
            assertThat(cdi.table()).isNotEmpty().containsAllEntriesOf(c.expectedRoutes());
        } else {
            // the Redis cases may gain the unsafe setting the Redis tier also reports (OIDCS-2060)
            assertThat(cdi.ids()).containsAll(c.expected());
            assertThat(cdi.ids()).allMatch(id -> c.expected().contains(id) || id.equals("OIDCS-2060"));
        }
    }
}
