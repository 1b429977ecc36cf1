package org.oidcstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.tier.StoreTier;

class StoreKindTest {
    @Test
    void configNamesRoundTripInEverySpelling() {
        for (StoreKind k : StoreKind.values()) {
            assertThat(StoreKind.fromConfigName(k.configName())).contains(k);
            assertThat(StoreKind.fromConfigName(k.name())).contains(k);
            assertThat(StoreKind.fromConfigName(k.name().toLowerCase())).contains(k);
            assertThat(StoreKind.ofStoreType(k.storeType())).contains(k);
        }
        assertThat(StoreKind.fromConfigName("consumed-jwt-id")).isEmpty();
        assertThat(StoreKind.fromConfigName(null)).isEmpty();
    }

    @Test
    void theClusterIsTheDurableTokenKindsAndParIsOutside() {
        assertThat(StoreKind.TRANSACTIONAL_CLUSTER).containsExactlyInAnyOrder(StoreKind.AUTHORIZATION_CODES,
                StoreKind.REFRESH_TOKENS, StoreKind.GRANTS, StoreKind.ACCESS_TOKENS, StoreKind.OPAQUE_ACCESS_TOKENS,
                StoreKind.AUTHORIZATION_CONTEXTS, StoreKind.GRANT_REVOCATIONS);
        assertThat(StoreKind.PUSHED_AUTHORIZATION_REQUESTS.inTransactionalCluster()).isFalse();
        for (StoreKind k : StoreKind.TRANSACTIONAL_CLUSTER) {
            assertThat(k.defaultTier()).isEqualTo(StoreTier.DURABLE);
        }
        assertThat(StoreKind.SESSIONS.defaultTier()).isEqualTo(StoreTier.DURABLE);
        assertThat(StoreTier.fromConfigName(" Volatile ")).contains(StoreTier.VOLATILE);
        assertThat(StoreTier.fromConfigName("cold")).isEmpty();
    }

    @Test
    void theRegistrationKindsAreDurableAndOutsideTheCluster() {
        for (StoreKind k : new StoreKind[] {StoreKind.INITIAL_ACCESS_TOKENS, StoreKind.REGISTRATION_ACCESS_TOKENS,
            StoreKind.PROVIDER_METADATA}) {
            assertThat(k.defaultTier()).as(k.name()).isEqualTo(StoreTier.DURABLE);
            assertThat(k.inTransactionalCluster()).as(k.name()).isFalse();
        }
        assertThat(StoreKind.fromConfigName("initial-access-tokens")).contains(StoreKind.INITIAL_ACCESS_TOKENS);
        assertThat(StoreKind.fromConfigName("registration-access-tokens")).contains(StoreKind.REGISTRATION_ACCESS_TOKENS);
        assertThat(StoreKind.fromConfigName("provider-metadata")).contains(StoreKind.PROVIDER_METADATA);
    }
}
