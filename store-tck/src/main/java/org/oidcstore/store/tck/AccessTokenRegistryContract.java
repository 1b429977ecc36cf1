package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.StoreKind;

/** Contract of {@link AccessTokenRegistry}. */
@ContractFor(AccessTokenRegistry.class)
public abstract class AccessTokenRegistryContract extends StoreContract {

    private AccessTokenRegistry registry() {
        return store.accessTokens();
    }

    @Test
    @Covers("register")
    @Covers("find")
    void registeredTokenReadsBack() {
        JwtAccessToken t = samples.jwtAccessToken("grant-1");
        registry().register(t);
        assertThat(registry().find(t.jti())).contains(t);
        assertThat(registry().find(Samples.secret("jti"))).isEmpty();
    }

    @Test
    @Covers("register")
    void aClientCredentialsTokenWithoutSubjectOrGrantReadsBack() {
        JwtAccessToken t = new JwtAccessToken(Samples.secret("jti"), "client-cc", null, null,
                java.util.Set.of("api"), clock.now(), clock.now().plusSeconds(300), false);
        registry().register(t);
        assertThat(registry().find(t.jti())).contains(t);
    }

    @Test
    @Covers("register")
    void registeringTheSameJtiTwiceIsADuplicate() {
        JwtAccessToken t = samples.jwtAccessToken("grant-1");
        registry().register(t);
        assertThatThrownBy(() -> registry().register(t)).isInstanceOf(DuplicateRecordException.class);
    }

    @Test
    @Covers("register")
    void registeringARevokedTokenIsRefused() {
        JwtAccessToken t = samples.jwtAccessToken("grant-1").withRevoked(true);
        assertThatThrownBy(() -> registry().register(t)).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry().find(t.jti())).isEmpty();
    }

    @Test
    @Covers("find")
    void aTokenIsExpiredAtItsExpiryInstant() {
        JwtAccessToken t = samples.jwtAccessToken("grant-1");
        registry().register(t);
        clock.set(t.expiresAt().minusMillis(1));
        assertThat(registry().find(t.jti())).isPresent();
        clock.set(t.expiresAt());
        assertThat(registry().find(t.jti())).isEmpty();
    }

    @Test
    @Covers("revoke")
    void revokeIsIdempotent() {
        JwtAccessToken t = samples.jwtAccessToken("grant-1");
        registry().register(t);
        assertThat(registry().revoke(t.jti())).isTrue();
        assertThat(registry().revoke(t.jti())).isFalse();
        assertThat(registry().revoke(Samples.secret("jti"))).isFalse();
        assertThat(registry().find(t.jti())).contains(t.withRevoked(true));
    }

    @Test
    @Covers("revokeByGrant")
    void revokeByGrantRevokesOnlyThatGrantsTokens() {
        JwtAccessToken a = samples.jwtAccessToken("grant-a");
        JwtAccessToken a2 = samples.jwtAccessToken("grant-a");
        JwtAccessToken b = samples.jwtAccessToken("grant-b");
        registry().register(a);
        registry().register(a2);
        registry().register(b);
        registry().revoke(a2.jti());
        assertThat(registry().revokeByGrant("grant-a")).isEqualTo(1);
        assertThat(registry().find(a.jti()).orElseThrow().revoked()).isTrue();
        assertThat(registry().find(b.jti()).orElseThrow().revoked()).isFalse();
        assertThat(registry().revokeByGrant("grant-a")).isZero();
    }

    @Test
    @Covers("purgeExpired")
    void purgeDeletesExactlyTheRowsExpiredAtTheCutoff() {
        JwtAccessToken shortLived = new JwtAccessToken(Samples.secret("jti"), "client-a", "sub", "g", null,
                clock.now(), clock.now().plusSeconds(10), false);
        JwtAccessToken boundary = new JwtAccessToken(Samples.secret("jti"), "client-a", "sub", "g", null,
                clock.now(), clock.now().plusSeconds(20), false);
        JwtAccessToken longLived = samples.jwtAccessToken("g");
        registry().register(shortLived);
        registry().register(boundary);
        registry().register(longLived);
        clock.advance(Duration.ofSeconds(20));
        assertThat(registry().purgeExpired(clock.now())).isEqualTo(2);
        assertThat(registry().purgeExpired(clock.now())).isZero();
        assertThat(registry().find(longLived.jti())).contains(longLived);
        clock.set(shortLived.issuedAt());
        assertThat(registry().find(shortLived.jti())).as("purged rows stay gone").isEmpty();
    }

    @Test
    @Covers("purgeExpired")
    void aPurgeWithACutoffAfterTheStoreClockIsRefusedAndDeletesNothing() {
        JwtAccessToken t = new JwtAccessToken(Samples.secret("jti"), "client-a", "sub", "g", null,
                clock.now(), clock.now().plusSeconds(10), false);
        registry().register(t);
        assertThatThrownBy(() -> registry().purgeExpired(t.expiresAt())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry().purgeExpired(clock.now().plusNanos(1000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry().purgeExpired(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry().find(t.jti())).contains(t);
        clock.set(t.expiresAt());
        assertThat(registry().purgeExpired(clock.now())).as("the row was still there").isEqualTo(1);
    }

    @Test
    @Covers("purgeExpired")
    void aPurgeDeletesEveryExpiredRowEvenWhenThereAreMoreThanOneBatch() {
        Instant exp = clock.now().plusSeconds(1);
        inTransactionIfAny(() -> {
            for (int i = 0; i < Purges.MORE_THAN_ONE_BATCH; i++) {
                registry().register(new JwtAccessToken("bulk-jti-" + i, "client-a", null, "g-bulk", null,
                        clock.now(), exp, false));
            }
            return null;
        });
        JwtAccessToken live = samples.jwtAccessToken("g-bulk");
        registry().register(live);
        clock.set(exp);
        assertThat(registry().purgeExpired(clock.now())).isEqualTo(Purges.MORE_THAN_ONE_BATCH);
        assertThat(registry().purgeExpired(clock.now())).isZero();
        assertThat(registry().find("bulk-jti-0")).isEmpty();
        assertThat(registry().find(live.jti())).contains(live);
        assertThat(registry().revokeByGrant("g-bulk")).as("only the live row is left").isEqualTo(1);
    }

    @Test
    @Covers("register")
    void onlyTheDigestOfTheJwtIdIsStored() {
        JwtAccessToken t = samples.jwtAccessToken("grant-1");
        registry().register(t);
        Hashing.assertOnlyDigestStored(fixture, StoreKind.ACCESS_TOKENS, t.jti());
        String digest = fixture.digest().digest(StoreKind.ACCESS_TOKENS, t.jti());
        assertThat(registry().find(digest)).isEmpty();
        assertThat(registry().revoke(digest)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(HowExpired.class)
    @Covers("revoke")
    @Covers("revokeByGrant")
    void revokingAnExpiredTokenAnswersFalseAsForAnUnknownOne(HowExpired how) {
        JwtAccessToken t = samples.jwtAccessToken("grant-expired");
        if (how == HowExpired.SAVED_EXPIRED) {
            Instant issued = clock.now().minus(HowExpired.AGE);
            t = new JwtAccessToken(t.jti(), t.clientId(), t.subject(), t.grantId(), t.scopes(), issued,
                    clock.now().minus(HowExpired.EXPIRED_FOR), false);
            registry().register(t);
        } else {
            registry().register(t);
            clock.set(t.expiresAt());
        }
        assertThat(registry().revoke(t.jti())).as("an expired row is absent").isFalse();
        assertThat(registry().find(t.jti())).isEmpty();
        assertThat(registry().revokeByGrant("grant-expired")).as("revokeByGrant reaches expired rows, and the"
                + " revoke before did not revoke it").isEqualTo(1);
    }
}
