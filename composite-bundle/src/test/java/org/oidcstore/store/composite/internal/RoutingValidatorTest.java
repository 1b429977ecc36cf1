package org.oidcstore.store.composite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oidcstore.store.composite.internal.Backends.allBut;
import static org.oidcstore.store.composite.internal.Backends.deployment;
import static org.oidcstore.store.composite.internal.Backends.durable;
import static org.oidcstore.store.composite.internal.Backends.jpa;
import static org.oidcstore.store.composite.internal.Backends.memory;
import static org.oidcstore.store.composite.internal.Backends.redis;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.Route;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.tier.StoreTier;

/**
 * {@link RoutingValidator}: the plans of valid deployments, and several problems reported at once in
 * rule order; each rule alone, its id and its wording, is {@link RoutingProblemsTest}.
 */
class RoutingValidatorTest {

    static RoutingPlan validate(RoutingFacts.Builder facts) {
        return RoutingValidator.validate(facts.build());
    }

    static RoutingProblem only(RoutingPlan plan, String id) {
        assertThat(plan.problemIds()).containsExactly(id);
        RoutingProblem p = plan.problems().get(0);
        assertThat(p.message()).startsWith(id + " ");
        return p;
    }

    @Test
    void theDefaultHotColdSplitIsValid() {
        RoutingPlan plan = validate(deployment().backend(jpa()).backend(memory()));
        assertThat(plan.valid()).isTrue();
        assertThat(plan.routes()).hasSize(StoreKind.values().length);
        for (StoreKind k : StoreKind.values()) {
            assertThat(plan.routes().get(k).tier()).as(k.name()).isEqualTo(k.defaultTier());
            assertThat(plan.routes().get(k).backend()).isEqualTo(k.defaultTier() == StoreTier.DURABLE ? "jpa" : "memory");
        }
        assertThat(plan.routes().get(StoreKind.GRANTS).reason()).isEqualTo("default tier");
        assertThat(plan.sessionDurability()).isEqualTo(SessionDurability.DURABLE);
        assertThat(plan.anchor()).contains(jpa());
        assertThat(plan.table()).contains("refresh-tokens").contains("jpa").contains("posture: durable");
    }

    @Test
    void aVolatilePostureMovesSessionsUnlessTheyAreRoutedExplicitly() {
        RoutingPlan plan = validate(deployment().backend(jpa()).backend(memory()).sessionDurability("volatile"));
        assertThat(plan.valid()).isTrue();
        assertThat(plan.routes().get(StoreKind.SESSIONS)).isEqualTo(new Route(StoreKind.SESSIONS, StoreTier.VOLATILE,
                "memory", "oidc.store.sessions.durability=volatile"));
        assertThat(plan.sessionDurability()).isEqualTo(SessionDurability.VOLATILE);

        RoutingPlan agreeing = validate(deployment().backend(jpa()).backend(memory()).sessionDurability("VOLATILE ")
                .route("oidc.store.route.sessions", "volatile"));
        assertThat(agreeing.valid()).isTrue();
        assertThat(agreeing.routes().get(StoreKind.SESSIONS).reason()).isEqualTo("oidc.store.route.sessions=volatile");
    }

    @Test
    void anExplicitSessionsRouteWithoutPostureDecidesThePosture() {
        RoutingPlan plan = validate(deployment().backend(jpa()).backend(memory())
                .route("oidc.store.route.sessions", "volatile"));
        assertThat(plan.valid()).isTrue();
        assertThat(plan.sessionDurability()).isEqualTo(SessionDurability.VOLATILE);
    }

    @Test
    void theDefaultRouteAppliesToEveryKindWithoutItsOwnRouteSoAnSqlOnlyDeploymentNeedsOneKey() {
        RoutingPlan plan = validate(deployment().backend(jpa()).route("oidc.store.route.default", "durable"));
        assertThat(plan.valid()).isTrue();
        assertThat(plan.routes().values()).allMatch(r -> r.backend().equals("jpa"));
        assertThat(plan.routes().get(StoreKind.INTERACTIONS).reason()).isEqualTo("oidc.store.route.default=durable");

        RoutingPlan ownRouteWins = validate(deployment().backend(jpa()).backend(memory())
                .route("oidc.store.route.default", "durable").route("oidc.store.route.interactions", "volatile"));
        assertThat(ownRouteWins.routes().get(StoreKind.INTERACTIONS).backend()).isEqualTo("memory");
        assertThat(ownRouteWins.routes().get(StoreKind.PUSHED_AUTHORIZATION_REQUESTS).backend()).isEqualTo("jpa");
    }

    @Test
    void environmentSpellingsOfRouteKeysAreAccepted() {
        RoutingPlan plan = validate(deployment().backend(jpa()).backend(memory())
                .route("OIDC_STORE_ROUTE_CONSUMED_JWT_IDS", "DURABLE"));
        assertThat(plan.valid()).isTrue();
        assertThat(plan.routes().get(StoreKind.CONSUMED_JWT_IDS).backend()).isEqualTo("jpa");
    }

    @Test
    void everyProblemIsReportedAtOnceInRuleOrder() {
        RoutingPlan plan = validate(deployment()
                .backend(durable("nontx", false, false, allBut(StoreKind.USERS), "plaintext connection; use TLS."))
                .route("oidc.store.route.sesions", "volatile")
                .route("oidc.store.route.grants", "volatil")
                .route("oidc.store.route.sessions", "durable")
                .sessionDurability("volatile")
                .staticClientDeclared("web"));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2001", "OIDCS-2002", "OIDCS-2010", "OIDCS-2020",
                "OIDCS-2040", "OIDCS-2050", "OIDCS-2060", "OIDCS-2111");
        assertThat(plan.valid()).isFalse();
        assertThatThrownBy(plan::orThrow).isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("8 problem(s) in the oidc-store routing:\nOIDCS-2001 ")
                .hasMessageContaining("\nOIDCS-2111 ");
    }

    @Test
    void aSplitClusterAndTwoBackendsOfATierAreReportedTogether() {
        RoutingPlan plan = validate(RoutingFacts.builder(RoutingFacts.Origin.BUILDER).backend(jpa()).backend(memory())
                .backend(redis()).bind(StoreKind.REFRESH_TOKENS, memory()).sessionDurability("maybe"));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2003", "OIDCS-2020", "OIDCS-2030", "OIDCS-2070");
        assertThat(plan.problems().get(2).message()).contains("with(REFRESH_TOKENS, <the 'jpa' store>)");
        assertThat(plan.problems().get(3).message()).contains("withTier(StoreTier.VOLATILE, store)");
    }

    @Test
    void aProblemMustStartWithItsId() {
        assertThatThrownBy(() -> new RoutingProblem("OIDCS-2001", "no id here"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RoutingProblem.of("OIDCS-2001", "x").toString()).isEqualTo("OIDCS-2001 x");
    }

    @Test
    void theCensusMisspeltKeysAndReportedProblemsComeAfterTheRoutingRulesEachOnce() {
        RoutingPlan plan = validate(deployment().backend(jpa()).route("oidc.store.route.sesions", "volatile")
                .reportedProblem("OIDCS-1010 a pepper of oidc.store.secret-pepper is too short.")
                .misspeltKey("oidc.store.kind", "oidc.store.kinds")
                .ambiguousBackend("jpa", StoreTier.DURABLE, List.of("a.P#one", "a.P#two"))
                .unnamedBackend(StoreTier.VOLATILE, "b.Q#store")
                .reportedProblem("OIDCS-1201 oidc.store.jpa.url is missing.")
                .reportedProblem("OIDCS-1010 a pepper of oidc.store.secret-pepper is too short."));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2001", "OIDCS-2010", "OIDCS-2072", "OIDCS-2071",
                "OIDCS-2007", "OIDCS-1010", "OIDCS-1201");
        assertThat(plan.problems().get(2).message()).isEqualTo("OIDCS-2072 the @Volatile OidcStore bean b.Q#store"
                + " carries no @BackendInfo, so the composite cannot know its name, kinds or transactions without"
                + " creating it. Fix: annotate its producer class with @BackendInfo(name = …, transactional = …,"
                + " kinds = <its HostedKinds declaration>).");
        assertThat(plan.problems().get(3).message()).startsWith("OIDCS-2071 backend 'jpa' (durable tier) has 2"
                + " @Durable OidcStore beans: a.P#one, a.P#two; ");
        assertThat(plan.problems().get(4).message()).isEqualTo("OIDCS-2007 oidc.store.kind is not a key of"
                + " oidc-store (did you mean oidc.store.kinds?), so its value would be ignored. Fix: rename it to"
                + " oidc.store.kinds, or remove it.");
    }
}
