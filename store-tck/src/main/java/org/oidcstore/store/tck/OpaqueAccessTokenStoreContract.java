package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.StoreKind;

/** Contract of {@link OpaqueAccessTokenStore}. */
@ContractFor(OpaqueAccessTokenStore.class)
public abstract class OpaqueAccessTokenStoreContract extends StoreContract {

    private OpaqueAccessTokenStore tokens() {
        return store.opaqueAccessTokens();
    }

    @Test
    @Covers("save")
    @Covers("find")
    void savedTokenReadsBackWithEveryField() {
        OpaqueAccessToken t = samples.opaqueAccessToken("grant-1");
        tokens().save(t);
        assertThat(tokens().find(t.token())).contains(t);
        assertThat(tokens().find(Samples.secret("at"))).isEmpty();
    }

    @Test
    @Covers("save")
    void savingTheSameTokenTwiceIsADuplicate() {
        OpaqueAccessToken t = samples.opaqueAccessToken("grant-1");
        tokens().save(t);
        assertThatThrownBy(() -> tokens().save(t)).isInstanceOf(DuplicateRecordException.class);
        assertThatThrownBy(() -> tokens().save(samples.opaqueAccessToken("g").withRevoked(true)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Covers("find")
    void aTokenIsExpiredAtItsExpiryInstant() {
        OpaqueAccessToken t = samples.opaqueAccessToken("grant-1");
        tokens().save(t);
        clock.set(t.expiresAt().minusMillis(1));
        assertThat(tokens().find(t.token())).isPresent();
        clock.set(t.expiresAt());
        assertThat(tokens().find(t.token())).isEmpty();
    }

    @Test
    @Covers("revoke")
    void revokeIsIdempotent() {
        OpaqueAccessToken t = samples.opaqueAccessToken("grant-1");
        tokens().save(t);
        assertThat(tokens().revoke(t.token())).isTrue();
        assertThat(tokens().revoke(t.token())).isFalse();
        assertThat(tokens().revoke(Samples.secret("at"))).isFalse();
        assertThat(tokens().find(t.token())).contains(t.withRevoked(true));
    }

    @Test
    @Covers("revokeByGrant")
    void revokeByGrantRevokesOnlyThatGrantsTokens() {
        OpaqueAccessToken a = samples.opaqueAccessToken("grant-a");
        OpaqueAccessToken b = samples.opaqueAccessToken("grant-b");
        tokens().save(a);
        tokens().save(b);
        assertThat(tokens().revokeByGrant("grant-a")).isEqualTo(1);
        assertThat(tokens().revokeByGrant("grant-a")).isZero();
        assertThat(tokens().find(a.token()).orElseThrow().revoked()).isTrue();
        assertThat(tokens().find(b.token()).orElseThrow().revoked()).isFalse();
    }

    @Test
    @Covers("purgeExpired")
    void purgeDeletesExactlyTheTokensExpiredAtTheCutoff() {
        OpaqueAccessToken soon = OpaqueAccessToken.builder().token(Samples.secret("at")).clientId("client-a")
                .issuedAt(clock.now()).expiresAt(clock.now().plusSeconds(5)).build();
        OpaqueAccessToken later = samples.opaqueAccessToken("g");
        tokens().save(soon);
        tokens().save(later);
        clock.advance(Duration.ofSeconds(4));
        assertThat(tokens().purgeExpired(clock.now())).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens().purgeExpired(clock.now())).isEqualTo(1);
        assertThat(tokens().find(later.token())).contains(later);
        clock.set(soon.issuedAt());
        assertThat(tokens().find(soon.token())).as("purged tokens stay gone").isEmpty();
    }

    @Test
    @Covers("purgeExpired")
    void aPurgeWithACutoffAfterTheStoreClockIsRefusedAndDeletesNothing() {
        OpaqueAccessToken t = OpaqueAccessToken.builder().token(Samples.secret("at")).clientId("client-a")
                .issuedAt(clock.now()).expiresAt(clock.now().plusSeconds(5)).build();
        tokens().save(t);
        assertThatThrownBy(() -> tokens().purgeExpired(t.expiresAt())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens().purgeExpired(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens().find(t.token())).contains(t);
        clock.set(t.expiresAt());
        assertThat(tokens().purgeExpired(clock.now())).as("the token was still there").isEqualTo(1);
    }

    @Test
    @Covers("purgeExpired")
    void aPurgeDeletesEveryExpiredTokenEvenWhenThereAreMoreThanOneBatch() {
        Instant exp = clock.now().plusSeconds(1);
        inTransactionIfAny(() -> {
            for (int i = 0; i < Purges.MORE_THAN_ONE_BATCH; i++) {
                tokens().save(OpaqueAccessToken.builder().token("bulk-at-" + i).clientId("client-a").grantId("g-bulk")
                        .issuedAt(clock.now()).expiresAt(exp).build());
            }
            return null;
        });
        OpaqueAccessToken live = samples.opaqueAccessToken("g-bulk");
        tokens().save(live);
        clock.set(exp);
        assertThat(tokens().purgeExpired(clock.now())).isEqualTo(Purges.MORE_THAN_ONE_BATCH);
        assertThat(tokens().purgeExpired(clock.now())).isZero();
        assertThat(tokens().find(live.token())).contains(live);
        assertThat(tokens().revokeByGrant("g-bulk")).as("only the live token is left").isEqualTo(1);
    }

    @Test
    @Covers("save")
    void onlyTheDigestOfTheTokenIsStoredAndTheDigestDoesNotMatch() {
        OpaqueAccessToken t = samples.opaqueAccessToken("grant-1");
        tokens().save(t);
        Hashing.assertOnlyDigestStored(fixture, StoreKind.OPAQUE_ACCESS_TOKENS, t.token());
        String digest = fixture.digest().digest(StoreKind.OPAQUE_ACCESS_TOKENS, t.token());
        assertThat(tokens().find(digest)).isEmpty();
        assertThat(tokens().revoke(digest)).isFalse();
    }
}
