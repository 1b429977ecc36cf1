package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.User;

/** Contract of the {@link OidcStore} aggregate: hosted kinds, accessors, transactions. */
@ContractFor(OidcStore.class)
public abstract class OidcStoreContract extends StoreContract {

    @Test
    @Covers("backend")
    @Covers("kinds")
    void aStoreNamesItselfAndHostsAtLeastOneKind() {
        assertThat(store.backend()).isNotBlank().matches("[a-z0-9-]+");
        assertThat(store.kinds()).isNotEmpty();
    }

    @Test
    @Covers("store")
    @Covers("clients")
    @Covers("users")
    @Covers("authorizationCodes")
    @Covers("refreshTokens")
    @Covers("grants")
    @Covers("accessTokens")
    @Covers("opaqueAccessTokens")
    @Covers("authorizationContexts")
    @Covers("grantRevocations")
    @Covers("sessions")
    @Covers("interactions")
    @Covers("consumedJwtIds")
    @Covers("pushedAuthorizationRequests")
    @Covers("deviceAuthorizations")
    @Covers("cibaRequests")
    @Covers("initialAccessTokens")
    @Covers("registrationAccessTokens")
    @Covers("providerMetadata")
    void everyHostedKindHasAWorkingAccessorAndEveryOtherKindFailsClearly() {
        for (StoreKind kind : StoreKind.values()) {
            if (store.kinds().contains(kind)) {
                assertThat(store.store(kind)).as(kind.name()).isInstanceOf(kind.storeType());
            } else {
                assertThatThrownBy(() -> store.store(kind)).as(kind.name())
                        .isInstanceOf(StoreConfigurationException.class)
                        .hasMessageContaining("OIDCS-1002")
                        .hasMessageContaining(kind.name())
                        .hasMessageContaining("oidc.store.route." + kind.configName() + "=");
            }
        }
        if (store.kinds().contains(StoreKind.AUTHORIZATION_CONTEXTS)) {
            assertThat(store.authorizationContexts()).isInstanceOf(org.oidcstore.store.AuthorizationContextStore.class);
        }
    }

    @Test
    @Covers("transactional")
    @Covers("inTransaction")
    void transactionalStoresRunWorkInOneTransactionAndOthersRefuse() {
        assertThat(store.transactional()).as("transactional() agrees with the fixture's capability")
                .isEqualTo(fixture.transactions().isPresent());
        if (store.transactional()) {
            assertThat(store.inTransaction(() -> "done")).isEqualTo("done");
            assertThatThrownBy(() -> store.inTransaction(() -> {
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        } else {
            assertThatThrownBy(() -> store.inTransaction(() -> "never"))
                    .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1001");
        }
    }

    @Test
    @Covers("inIdempotentTransaction")
    void idempotentWorkRunsInOneTransactionLikeInTransaction() {
        if (!store.transactional()) {
            assertThatThrownBy(() -> store.inIdempotentTransaction(() -> "never"))
                    .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1001");
            return;
        }
        String committed = Samples.id("grant");
        String rolledBack = Samples.id("grant");
        assertThat(store.inIdempotentTransaction(() -> store.grants().save(
                samples.grant("sub-idem", "client-a").toBuilder().grantId(committed).build()).grantId()))
                .isEqualTo(committed);
        assertThatThrownBy(() -> store.inIdempotentTransaction(() -> {
            store.grants().save(samples.grant("sub-idem", "client-a").toBuilder().grantId(rolledBack).build());
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(store.grants().find(committed)).as("committed").isPresent();
        assertThat(store.grants().find(rolledBack)).as("work that threw is rolled back, not retried").isEmpty();
    }

    @Test
    @Covers("recordCounts")
    void recordCountsAreEitherAbsentOrCountEveryHostedKind() {
        var before = store.recordCounts();
        StoreKind counted = store.kinds().contains(StoreKind.SESSIONS) ? StoreKind.SESSIONS : StoreKind.GRANTS;
        if (counted == StoreKind.SESSIONS) {
            store.sessions().save(samples.session("count-group"));
        } else {
            store.grants().save(samples.grant("sub-count", "client-a"));
        }
        var after = store.recordCounts();
        if (before.isEmpty()) {
            assertThat(after).as("a store that does not count never counts").isEmpty();
        } else {
            assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(store.kinds());
            assertThat(after.get(counted)).isEqualTo(before.get(counted) + 1);
        }
    }

    @Test
    @Covers("readiness")
    void aStoreUnderTestIsReadyAndSaysWhatItChecked() {
        var r = store.readiness();
        assertThat(r.ready()).as("readiness of a working store: " + r.detail()).isTrue();
        assertThat(r.detail()).as("the detail names the backend").startsWith(store.backend());
    }

    @Test
    @Covers("unsafeSettings")
    void aStoreUnderTestReportsNoUnacknowledgedUnsafeSetting() {
        assertThat(store.unsafeSettings()).isEmpty();
    }

    @Test
    @Covers("extension")
    void theGenericExtensionAccessorAgreesWithTheTypedOnesAndRefusesForeignTypes() {
        for (StoreKind kind : StoreKind.values()) {
            for (Class<?> ext : kind.extensionTypes()) {
                java.util.Optional<?> view = store.extension(kind, ext);
                if (!store.kinds().contains(kind)) {
                    assertThat(view).as("%s of an unhosted %s", ext.getSimpleName(), kind).isEmpty();
                } else {
                    view.ifPresent(v -> assertThat(v).isInstanceOf(ext));
                }
            }
        }
        assertThat(store.extension(StoreKind.CLIENTS, ClientRegistry.class).isPresent())
                .isEqualTo(store.clientRegistry().isPresent());
        assertThat(store.extension(StoreKind.INTERACTIONS, InteractionCompareAndSwap.class).isPresent())
                .isEqualTo(store.interactionCompareAndSwap().isPresent());
        assertThat(store.extension(StoreKind.REFRESH_TOKENS, RefreshRetryResponses.class).isPresent())
                .isEqualTo(store.refreshRetryResponses().isPresent());
        assertThatThrownBy(() -> store.extension(StoreKind.SESSIONS, ClientRegistry.class))
                .as("not an extension of that kind").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Covers("clientRegistry")
    @Covers("staticClientReconciler")
    @Covers("userRegistry")
    @Covers("interactionCompareAndSwap")
    @Covers("refreshRetryResponses")
    void extensionAccessorsWorkOnTheSameDataAsTheBaseStores() {
        Set<StoreKind> kinds = EnumSet.copyOf(store.kinds());
        if (!kinds.contains(StoreKind.CLIENTS)) {
            assertThat(store.clientRegistry()).isEmpty();
            assertThat(store.staticClientReconciler()).isEmpty();
        }
        store.clientRegistry().ifPresent(r -> {
            Client c = samples.client(Samples.id("ext"));
            r.register(c);
            assertThat(store.clients().find(c.clientId())).contains(c);
        });
        store.staticClientReconciler().ifPresent(r -> {
            Client c = samples.client(Samples.id("ext")).toBuilder().source(ClientSource.STATIC).build();
            r.reconcile(List.of(c));
            assertThat(store.clients().find(c.clientId())).contains(c);
        });
        if (!kinds.contains(StoreKind.USERS)) {
            assertThat(store.userRegistry()).isEmpty();
        }
        store.userRegistry().ifPresent(r -> {
            User u = samples.user(Samples.id("sub"));
            r.save(u);
            assertThat(store.users().find(u.subject())).contains(u);
        });
        if (!kinds.contains(StoreKind.INTERACTIONS)) {
            assertThat(store.interactionCompareAndSwap()).isEmpty();
        }
        store.interactionCompareAndSwap().ifPresent(cas -> {
            Interaction i = samples.interaction(Samples.binaryState(1));
            store.interactions().save(i);
            Interaction next = new Interaction(i.interactionId(), Samples.binaryState(2), i.createdAt(), i.expiresAt());
            cas.compareAndSwap(Samples.binaryState(1), next);
            assertThat(store.interactions().find(i.interactionId())).contains(next);
        });
        if (!kinds.contains(StoreKind.REFRESH_TOKENS)) {
            assertThat(store.refreshRetryResponses()).isEmpty();
        }
        store.refreshRetryResponses().ifPresent(grace -> {
            RefreshToken root = samples.refreshToken();
            store.refreshTokens().save(root, null);
            grace.consume(root.token()).orElseThrow();
            RefreshToken next = root.successor(Samples.secret("rt"), null, clock.now(), root.expiresAt());
            grace.saveWithRetryResponse(next, root.token(), new byte[] {1, 2, 3}, root.expiresAt());
            assertThat(store.refreshTokens().find(next.token())).contains(next);
            assertThat(store.refreshTokens().find(root.token()).orElseThrow().isConsumed()).isTrue();
        });
    }
}
