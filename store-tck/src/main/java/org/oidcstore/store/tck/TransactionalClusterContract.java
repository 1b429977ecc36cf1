package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.Grant;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.StoreKind;

/**
 * The transactional cluster on a transactional backend: for every cluster kind, a write is
 * visible inside its transaction, durable after commit and gone after rollback; several cluster
 * writes commit or roll back together. Runs only where the fixture offers {@link Transactions};
 * non-transactional tiers do not include it in their suite.
 */
@ContractFor({})
public abstract class TransactionalClusterContract extends StoreContract {

    private Transactions tx() {
        return fixture.transactions().orElseThrow(() -> new AssertionError(
                "TransactionalClusterContract needs a fixture with transactions(); "
                        + "non-transactional tiers must not include it"));
    }

    /** Writes one record of {@code kind} and returns how to check that it is there. */
    private Predicate<Void> write(StoreKind kind) {
        switch (kind) {
            case AUTHORIZATION_CODES -> {
                AuthorizationCode c = samples.code();
                store.authorizationCodes().save(c);
                return v -> store.authorizationCodes().find(c.code()).isPresent();
            }
            case REFRESH_TOKENS -> {
                RefreshToken t = samples.refreshToken();
                store.refreshTokens().save(t, null);
                return v -> store.refreshTokens().find(t.token()).isPresent();
            }
            case GRANTS -> {
                Grant g = store.grants().save(samples.grant("sub-tx", "client-a"));
                return v -> store.grants().find(g.grantId()).isPresent();
            }
            case ACCESS_TOKENS -> {
                var t = samples.jwtAccessToken("g");
                store.accessTokens().register(t);
                return v -> store.accessTokens().find(t.jti()).isPresent();
            }
            case OPAQUE_ACCESS_TOKENS -> {
                var t = samples.opaqueAccessToken("g");
                store.opaqueAccessTokens().save(t);
                return v -> store.opaqueAccessTokens().find(t.token()).isPresent();
            }
            case AUTHORIZATION_CONTEXTS -> {
                var c = new org.oidcstore.store.AuthorizationContext(Samples.id("grant"), "sub-tx", "client-a",
                        Samples.binaryState(1), clock.now(), samples.expiry());
                String idToken = AuthorizationContextStoreContract.idToken();
                store.authorizationContexts().save(c, idToken);
                return v -> store.authorizationContexts().find(c.grantId()).isPresent()
                        && store.authorizationContexts().findByIdToken(idToken).isPresent();
            }
            case GRANT_REVOCATIONS -> {
                String g = Samples.id("grant");
                store.grantRevocations().revokeGrant(g, clock.now(), clock.now().plusSeconds(3600));
                return v -> store.grantRevocations().isRevoked(g, null, clock.now().minusSeconds(1));
            }
            default -> throw new IllegalArgumentException(kind + " is not in the transactional cluster");
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = {"AUTHORIZATION_CODES", "REFRESH_TOKENS", "GRANTS",
            "ACCESS_TOKENS", "OPAQUE_ACCESS_TOKENS", "AUTHORIZATION_CONTEXTS", "GRANT_REVOCATIONS"})
    void aClusterWriteIsVisibleInsideItsTransactionAndDurableAfterCommit(StoreKind kind) {
        assertThat(StoreKind.TRANSACTIONAL_CLUSTER).contains(kind);
        Predicate<Void> present = tx().commit(() -> {
            Predicate<Void> p = write(kind);
            assertThat(p.test(null)).as("read inside the writing transaction").isTrue();
            return p;
        });
        assertThat(present.test(null)).as("after commit").isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = {"AUTHORIZATION_CODES", "REFRESH_TOKENS", "GRANTS",
            "ACCESS_TOKENS", "OPAQUE_ACCESS_TOKENS", "AUTHORIZATION_CONTEXTS", "GRANT_REVOCATIONS"})
    void aClusterWriteIsGoneAfterRollback(StoreKind kind) {
        @SuppressWarnings("unchecked")
        Predicate<Void>[] present = new Predicate[1];
        tx().rollback(() -> {
            present[0] = write(kind);
            assertThat(present[0].test(null)).isTrue();
        });
        assertThat(present[0].test(null)).as("after rollback").isFalse();
    }

    private record Issued(Grant grant, AuthorizationCode code, RefreshToken token) {
    }

    private Issued issue() {
        Grant g = store.grants().save(samples.grant("sub-tx", "client-a"));
        AuthorizationCode c = samples.code(g.grantId());
        store.authorizationCodes().save(c);
        RefreshToken t = samples.refreshToken(g.grantId());
        store.refreshTokens().save(t, null);
        return new Issued(g, c, t);
    }

    private boolean[] presence(Issued i) {
        return new boolean[] {store.grants().find(i.grant().grantId()).isPresent(),
                store.authorizationCodes().find(i.code().code()).isPresent(),
                store.refreshTokens().find(i.token().token()).isPresent()};
    }

    @Test
    void grantCodeAndRefreshTokenCommitTogether() {
        Issued i = tx().commit(this::issue);
        assertThat(presence(i)).containsExactly(true, true, true);
    }

    @Test
    void grantCodeAndRefreshTokenRollBackTogether() {
        Issued[] i = new Issued[1];
        tx().rollback(() -> i[0] = issue());
        assertThat(presence(i[0])).containsExactly(false, false, false);
    }

    @Test
    void aFailureAfterSeveralClusterWritesLeavesNone() {
        Issued[] i = new Issued[1];
        Supplier<Void> failing = () -> {
            i[0] = issue();
            throw new IllegalStateException("token endpoint failed after issuing");
        };
        assertThatThrownBy(() -> tx().commit(failing)).isInstanceOf(IllegalStateException.class);
        assertThat(presence(i[0])).containsExactly(false, false, false);
    }

    @Test
    void aRolledBackRedemptionLeavesTheCodeRedeemable() {
        AuthorizationCode c = samples.code();
        tx().commit(() -> {
            store.authorizationCodes().save(c);
            return null;
        });
        tx().rollback(() -> {
            store.authorizationCodes().consume(c.code()).orElseThrow();
            assertThat(store.authorizationCodes().find(c.code()).orElseThrow().isConsumed())
                    .as("inside: the consumption is visible").isTrue();
        });
        assertThat(store.authorizationCodes().consume(c.code())).isPresent();
    }

    @Test
    void readsInsideATransactionSeeItsOwnUpdatesDownToSingleFields() {
        Grant g = store.grants().save(samples.grant("sub-tx", "client-a"));
        tx().commit(() -> {
            clock.advance(Duration.ofSeconds(1));
            Grant v2 = store.grants().save(g.toBuilder().scopes(Set.of("openid", "phone")).updatedAt(clock.now()).build());
            assertThat(store.grants().find(g.grantId())).contains(v2);
            assertThat(store.grants().findActive("sub-tx", "client-a").orElseThrow().scopes())
                    .containsExactlyInAnyOrder("openid", "phone");
            return null;
        });
        assertThat(store.grants().find(g.grantId()).orElseThrow().version()).isEqualTo(2);
    }
}
