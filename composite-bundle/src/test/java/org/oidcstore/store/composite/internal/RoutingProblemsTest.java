package org.oidcstore.store.composite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oidcstore.store.composite.internal.Backends.allBut;
import static org.oidcstore.store.composite.internal.Backends.deployment;
import static org.oidcstore.store.composite.internal.Backends.durable;
import static org.oidcstore.store.composite.internal.Backends.jpa;
import static org.oidcstore.store.composite.internal.Backends.memory;
import static org.oidcstore.store.composite.internal.Backends.redis;
import static org.oidcstore.store.composite.internal.RoutingValidatorTest.only;
import static org.oidcstore.store.composite.internal.RoutingValidatorTest.validate;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.tier.StoreTier;

/** Each rule of {@link RoutingValidator} alone: the problem it reports, its id and its wording. */
class RoutingProblemsTest {

    @Test
    void oidcs2001AnUnknownKindIsReportedWithTheClosestKnownKey() {
        RoutingProblem p = only(validate(deployment().backend(jpa()).backend(memory())
                .route("oidc.store.route.sesions", "volatile")), "OIDCS-2001");
        assertThat(p.message()).contains("oidc.store.route.sesions names no store kind")
                .contains("did you mean oidc.store.route.sessions?").contains("consumed-jwt-ids")
                .contains("Fix: rename the key to oidc.store.route.sessions");
        RoutingProblem env = only(validate(deployment().backend(jpa()).backend(memory())
                .route("OIDC_STORE_ROUTE_CONSUMED_JWT_ID", "volatile")), "OIDCS-2001");
        assertThat(env.message()).contains("did you mean OIDC_STORE_ROUTE_CONSUMED_JWT_IDS?");
        RoutingProblem far = only(validate(deployment().backend(jpa()).backend(memory())
                .route("oidc.store.route.tokens-of-the-realm", "durable")), "OIDCS-2001");
        assertThat(far.message()).doesNotContain("did you mean");
    }

    @Test
    void oidcs2002ARouteValueThatIsNoTierIsReportedNotThrown() {
        RoutingPlan plan = validate(deployment().backend(jpa()).backend(memory())
                .route("oidc.store.route.grants", "volatil").route("oidc.store.route.default", "cold"));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2002", "OIDCS-2002");
        assertThat(plan.problems().get(0).message()).contains("oidc.store.route.default has the value 'cold'")
                .contains("Fix: set oidc.store.route.default=durable or oidc.store.route.default=volatile");
        assertThat(plan.problems().get(1).message()).contains("oidc.store.route.grants");
        assertThat(plan.routes().get(StoreKind.GRANTS).backend()).as("an unreadable route is ignored").isEqualTo("jpa");
    }

    @Test
    void oidcs2003APostureThatIsNoPostureIsReported() {
        RoutingProblem p = only(validate(deployment().backend(jpa()).backend(memory()).sessionDurability("sometimes")),
                "OIDCS-2003");
        assertThat(p.message()).contains("oidc.store.sessions.durability has the value 'sometimes'")
                .contains("oidc.store.sessions.durability=durable").contains("oidc.store.sessions.durability=volatile");
    }

    @Test
    void oidcs2004TwoSpellingsOfOneRouteThatDisagreeAreReported() {
        RoutingProblem p = only(validate(deployment().backend(jpa()).backend(memory())
                .route("oidc.store.route.interactions", "volatile").route("OIDC_STORE_ROUTE_INTERACTIONS", "durable")),
                "OIDCS-2004");
        assertThat(p.message()).contains("OIDC_STORE_ROUTE_INTERACTIONS=durable")
                .contains("oidc.store.route.interactions=volatile");
    }

    @Test
    void oidcs2010AKindRoutedToATierWithoutBackendIsNeverMovedSilently() {
        RoutingProblem p = only(validate(deployment().backend(jpa())), "OIDCS-2010");
        assertThat(p.message()).contains("no backend is deployed for the volatile tier")
                .contains("interactions (default tier)").contains("consumed-jwt-ids (default tier)")
                .contains("pushed-authorization-requests (default tier)").doesNotContain("sessions (")
                .contains("deploy a volatile backend (the oidc-store memory or redis bundle)")
                .contains("oidc.store.route.default=durable")
                .contains("oidc.store.route.interactions=durable, oidc.store.route.consumed-jwt-ids=durable");
    }

    @Test
    void oidcs2010ForAnExplicitRouteOrThePostureNamesThoseKeys() {
        RoutingProblem p = only(validate(deployment().backend(jpa()).route("oidc.store.route.default", "durable")
                .route("oidc.store.route.grants", "volatile").sessionDurability("volatile")), "OIDCS-2010");
        assertThat(p.message()).contains("grants (oidc.store.route.grants=volatile)")
                .contains("sessions (oidc.store.sessions.durability=volatile)")
                .contains("oidc.store.route.grants=durable").contains("oidc.store.sessions.durability=durable")
                .doesNotContain("route.default=durable (every kind");
    }

    @Test
    void oidcs2020ABackendThatDoesNotHostARoutedKindIsNamedWithWhatItHosts() {
        RoutingProblem p = only(validate(deployment().backend(durable("partial", true, true, allBut(StoreKind.USERS)))
                .backend(memory())), "OIDCS-2020");
        assertThat(p.message()).contains("backend 'partial' (durable tier) does not host users (default tier)")
                .contains("it hosts clients, authorization-codes").doesNotContain("oidc.store.route.users=volatile")
                .contains("Fix: deploy a durable backend that hosts users.");
        RoutingProblem sessions = only(validate(deployment().backend(jpa())
                .backend(new BackendFacts("kv", StoreTier.VOLATILE, EnumSet.of(StoreKind.INTERACTIONS,
                        StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS,
                        StoreKind.DEVICE_AUTHORIZATIONS, StoreKind.CIBA_REQUESTS), false, false,
                        java.util.List.of(), "test.kv"))
                .sessionDurability("volatile")), "OIDCS-2020");
        assertThat(sessions.message()).contains("backend 'kv' (volatile tier) does not host sessions"
                + " (oidc.store.sessions.durability=volatile); it hosts interactions, consumed-jwt-ids,"
                + " pushed-authorization-requests, device-authorizations, ciba-requests.")
                .contains("Fix: oidc.store.sessions.durability=durable (backend 'jpa' hosts it), or deploy a volatile"
                        + " backend that hosts sessions.");
    }

    @Test
    void oidcs2020TheDurableOnlyKindsRoutedToTheVolatileTierAreNamedWithTheirKeysAndWhereTheyAreHosted() {
        RoutingProblem p = only(validate(deployment().backend(jpa()).backend(memory())
                .route("oidc.store.route.initial-access-tokens", "volatile")
                .route("oidc.store.route.registration-access-tokens", "volatile")
                .route("oidc.store.route.provider-metadata", "volatile")), "OIDCS-2020");
        assertThat(p.message()).contains("backend 'memory' (volatile tier) does not host initial-access-tokens"
                + " (oidc.store.route.initial-access-tokens=volatile), registration-access-tokens"
                + " (oidc.store.route.registration-access-tokens=volatile), provider-metadata"
                + " (oidc.store.route.provider-metadata=volatile); it hosts sessions, interactions, consumed-jwt-ids,"
                + " pushed-authorization-requests, device-authorizations, ciba-requests.")
                .contains("Fix: oidc.store.route.initial-access-tokens=durable (backend 'jpa' hosts it), or deploy a"
                        + " volatile backend that hosts initial-access-tokens;")
                .contains("oidc.store.route.registration-access-tokens=durable (backend 'jpa' hosts it)")
                .contains("oidc.store.route.provider-metadata=durable (backend 'jpa' hosts it), or deploy a volatile"
                        + " backend that hosts provider-metadata.");
    }

    @Test
    void oidcs2030ASplitClusterNamesWhereEachClusterKindLivesAndTheKeysToUnify() {
        BackendFacts everything = new BackendFacts("kv", StoreTier.VOLATILE, EnumSet.allOf(StoreKind.class), false,
                false, java.util.List.of(), "test.kv");
        RoutingProblem p = only(validate(deployment().backend(jpa()).backend(everything)
                .route("oidc.store.route.refresh-tokens", "volatile")), "OIDCS-2030");
        assertThat(p.message()).contains("the transactional cluster (authorization-codes, refresh-tokens, grants,"
                + " access-tokens, opaque-access-tokens, authorization-contexts, grant-revocations) is split across"
                + " backends")
                .contains("refresh-tokens (oidc.store.route.refresh-tokens=volatile) on 'kv' (volatile tier)")
                .contains("grants (default tier)").contains("on 'jpa' (durable tier)")
                .contains("Fix: route every cluster kind to the durable tier (backend 'jpa'):"
                        + " oidc.store.route.refresh-tokens=durable (or remove that route)");
    }

    @Test
    void oidcs2040TheAnchorMustBeTransactional() {
        RoutingProblem p = only(validate(deployment().backend(durable("nontx", false, true, allBut()))
                .backend(memory())), "OIDCS-2040");
        assertThat(p.message()).contains("anchored on backend 'nontx' (durable tier), which is not transactional")
                .contains("the oidc-store jpa bundle");
    }

    @Test
    void oidcs2050APostureContradictingAnExplicitSessionsRouteIsReported() {
        RoutingProblem p = only(validate(deployment().backend(jpa()).backend(memory()).sessionDurability("volatile")
                .route("oidc.store.route.sessions", "durable")), "OIDCS-2050");
        assertThat(p.message()).contains("oidc.store.sessions.durability=volatile contradicts"
                + " oidc.store.route.sessions=durable").contains("remove oidc.store.route.sessions")
                .contains("oidc.store.sessions.durability=durable");
    }

    @Test
    void oidcs2050AlsoForABuilderBinding() {
        RoutingProblem p = only(validate(RoutingFacts.builder(RoutingFacts.Origin.BUILDER)
                .bind(StoreKind.SESSIONS, jpa()).sessionDurability("volatile").backend(jpa()).backend(memory())),
                "OIDCS-2050");
        assertThat(p.message()).contains("contradicts with(SESSIONS, store)").contains("'jpa' (durable tier)")
                .contains("sessionDurability(SessionDurability.DURABLE)");
    }

    @Test
    void oidcs2060EachUnsafeSettingIsOneProblem() {
        RoutingPlan plan = validate(deployment().backend(jpa()).backend(redis(
                "oidc.store.redis.uri uses redis:// (plaintext); use rediss://.",
                "no oidc.store.redis.password is set (no AUTH); set one.")));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2060", "OIDCS-2060");
        assertThat(plan.problems().get(0).message()).contains("backend 'redis' (volatile tier) reports an unsafe"
                + " setting: oidc.store.redis.uri uses redis:// (plaintext)").contains("dev-mode flag");
        assertThat(plan.problems().get(1).message()).contains("no oidc.store.redis.password");
    }

    @Test
    void oidcs2070TwoBackendsForATierAreReportedAndNoneIsChosen() {
        RoutingPlan plan = validate(deployment().backend(jpa()).backend(memory()).backend(redis()));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2070");
        assertThat(plan.problems().get(0).message()).contains("2 backends are present for the volatile tier:"
                + " 'memory' (org.oidcstore.store.memory.internal.MemoryStoreProducer), 'redis' (")
                .contains("deploy exactly one volatile backend");
        assertThat(plan.routes()).doesNotContainKey(StoreKind.INTERACTIONS).containsKey(StoreKind.GRANTS);
    }

    @Test
    void oidcs2111StaticClientsNeedAReconcilerOnTheClientsBackend() {
        RoutingProblem p = only(validate(deployment().backend(durable("ldap", true, false, allBut()))
                .backend(memory()).staticClientDeclared("web").staticClientDeclared("@StaticClient bean a.B#c")), "OIDCS-2111");
        assertThat(p.message()).contains("2 static client(s) are declared (web, @StaticClient bean a.B#c)")
                .contains("Clients backend 'ldap' (durable tier) is read-only")
                .contains("oidc.store.route.clients=<tier>");
        assertThat(validate(deployment().backend(jpa()).backend(memory()).staticClientDeclared("web")).valid()).isTrue();
    }
}
