package org.oidcstore.store.composite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oidcstore.store.composite.internal.Backends.VOLATILE_KINDS;
import static org.oidcstore.store.composite.internal.Backends.deployment;
import static org.oidcstore.store.composite.internal.Backends.jpa;
import static org.oidcstore.store.composite.internal.Backends.memory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tier.StoreTier;

/**
 * A composite over a subset of the kinds ({@code oidc.store.kinds}, {@code Builder.kinds}): a
 * volatile-only composite (OSGi without a durable tier), validation of the list, and the accessors of
 * unlisted kinds.
 */
class HostedKindsTest {

    private static RoutingPlan validate(RoutingFacts.Builder facts) {
        return RoutingValidator.validate(facts.build());
    }

    @Test
    void aVolatileOnlyCompositeNeedsNoDurableTierAndNoAnchor() {
        RoutingPlan plan = validate(deployment().backend(memory())
                .kinds("consumed-jwt-ids, pushed-authorization-requests,interactions").sessionDurability("volatile"));
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.routes().keySet()).containsExactlyInAnyOrder(StoreKind.CONSUMED_JWT_IDS,
                StoreKind.PUSHED_AUTHORIZATION_REQUESTS, StoreKind.INTERACTIONS);
        assertThat(plan.anchor()).isEmpty();
        assertThat(plan.table()).doesNotContain("refresh-tokens");
    }

    @Test
    void theRulesStillApplyToTheListedKinds() {
        // sessions listed, default tier durable, no durable backend: never moved silently
        assertThat(validate(deployment().backend(memory()).kinds("sessions,consumed-jwt-ids")).problemIds())
                .containsExactly("OIDCS-2010");
        // one cluster kind listed on a non-transactional tier: the anchor rule applies to it
        assertThat(validate(deployment().backend(memory()).kinds("grants,consumed-jwt-ids")
                .route("oidc.store.route.grants", "volatile")).problemIds())
                .containsExactly("OIDCS-2020", "OIDCS-2040");
        // two listed cluster kinds on two tiers: split
        assertThat(validate(deployment().backend(jpa()).backend(memory()).kinds("grants,refresh-tokens")
                .route("oidc.store.route.grants", "volatile")).problemIds())
                .containsExactly("OIDCS-2020", "OIDCS-2030");
        // unlisted cluster kinds may sit anywhere: they are not hosted
        assertThat(validate(deployment().backend(jpa()).backend(memory()).kinds("grants,refresh-tokens")
                .route("oidc.store.route.authorization-codes", "volatile")).problems()).isEmpty();
    }

    @Test
    void unknownOrMissingKindNamesAreProblemsWithASuggestion() {
        RoutingPlan plan = validate(deployment().backend(memory()).sessionDurability("volatile")
                .kinds("sesions,consumed-jwt-ids,grnts"));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2005", "OIDCS-2005");
        assertThat(plan.problems().get(0).message()).contains("oidc.store.kinds lists 'sesions'")
                .contains("did you mean sessions?");
        // a list naming no kind falls back to all kinds, so the other rules still report what they see
        assertThat(validate(deployment().backend(memory()).kinds(" , ")).problemIds())
                .containsExactly("OIDCS-2005", "OIDCS-2010");
        assertThat(validate(deployment().backend(jpa()).backend(memory()).kinds("nonsense")).problemIds())
                .containsExactly("OIDCS-2005");
    }

    @Test
    void staticClientsNeedTheClientsKind() {
        assertThat(validate(deployment().backend(memory()).kinds("consumed-jwt-ids").staticClientDeclared("web"))
                .problemIds()).containsExactly("OIDCS-2006");
    }

    @Test
    void theKindListIsReadFromConfigurationAsWritten() {
        RoutingFacts facts = RouteKeys.read(ConfigLookup.of(Map.of("oidc.store.kinds", "consumed-jwt-ids")),
                deployment()).build();
        assertThat(facts.kinds()).contains("consumed-jwt-ids");
        assertThat(RouteKeys.read(ConfigLookup.of(Map.of()), deployment()).build().kinds()).isEmpty();
    }

    @Test
    void theBuilderHostsOnlyTheListedKindsAndUnlistedAccessorsThrow() {
        MutableClock clock = MutableClock.startingNow();
        OidcStore memory = MemoryStores.open(org.oidcstore.store.memory.MemorySettings.defaults(), clock,
                org.oidcstore.store.spi.SecretDigest.unpeppered());
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.VOLATILE, memory)
                .kinds(EnumSet.copyOf(VOLATILE_KINDS)).sessionDurability(SessionDurability.VOLATILE).build();
        assertThat(store.kinds()).containsExactlyInAnyOrderElementsOf(VOLATILE_KINDS);
        assertThat(store.transactional()).isFalse();
        assertThat(store.sessionDurability()).isEqualTo(SessionDurability.VOLATILE);

        store.consumedJwtIds().mark("jti-1", clock.instant().plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> store.consumedJwtIds().mark("jti-1", clock.instant().plus(Duration.ofMinutes(5))))
                .isInstanceOf(AlreadyConsumedException.class);

        assertThatThrownBy(store::refreshTokens).isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("OIDCS-1002 kind REFRESH_TOKENS is not hosted by backend 'composite'");
        assertThat(store.clientRegistry()).isEmpty();
        assertThat(store.interactionCompareAndSwap()).isPresent();
        assertThatThrownBy(() -> store.inTransaction(() -> 1)).isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("OIDCS-1001");
    }

    @Test
    void theBuilderReadsTheKindsKeyAndKindBindingsRespectTheList() {
        OidcStore memory = MemoryStores.open();
        CompositeStore byConfig = CompositeStores.builder().withTier(StoreTier.VOLATILE, memory)
                .config(Map.of("oidc.store.kinds", "consumed-jwt-ids,pushed-authorization-requests",
                        "oidc.store.dev-mode-allow-unpeppered-digests", "true")).build();
        assertThat(byConfig.kinds()).containsExactlyInAnyOrder(StoreKind.CONSUMED_JWT_IDS,
                StoreKind.PUSHED_AUTHORIZATION_REQUESTS);

        CompositeStore bound = CompositeStores.builder().withTier(StoreTier.VOLATILE, memory)
                .with(StoreKind.INTERACTIONS, memory)
                .kinds(EnumSet.of(StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS)).build();
        assertThat(bound.routingTable().keySet()).containsExactlyInAnyOrder(StoreKind.INTERACTIONS,
                StoreKind.CONSUMED_JWT_IDS);

        assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.VOLATILE, memory).with(StoreKind.SESSIONS, memory)
                .kinds(EnumSet.of(StoreKind.CONSUMED_JWT_IDS)).build())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-2005 with(SESSIONS, store)");
        assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.VOLATILE, memory)
                .config(Map.of("oidc.store.kinds", "consumed-jwt-id", "oidc.store.dev-mode-allow-unpeppered-digests",
                        "true")).build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("did you mean consumed-jwt-ids?");
    }

    @Test
    void withoutAListEveryKindIsHostedAsBefore() {
        RoutingPlan plan = validate(deployment().backend(jpa()).backend(memory()));
        assertThat(plan.routes()).hasSize(StoreKind.values().length);
        assertThat(List.of(StoreKind.values())).allMatch(plan.routes()::containsKey);
    }
}
