package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;

/**
 * A redemption after a lookup, as a provider's token endpoint runs it: {@code find} the code or
 * refresh token, check the request against it, then {@code consume} it. Whatever a backend keeps
 * from the lookup (the JPA tier redeems the very row the lookup read, without reading it back on
 * engines lacking {@code UPDATE … RETURNING}), {@code consume} answers from the token as stored
 * when it runs: what happened in between (another redemption, a revocation, an expiry, an erasure
 * and a new token of the same value) is what it reports, and a race of redemptions after lookups
 * still has exactly one winner.
 */
@ContractFor(AuthorizationCodeStore.class)
public abstract class LookupThenRedeemContract extends StoreContract {

    private AuthorizationCodeStore codes() {
        return store.authorizationCodes();
    }

    private RefreshTokenStore refreshTokens() {
        return store.refreshTokens();
    }

    @Test
    @Covers("find")
    @Covers("consume")
    void aCodeLookedUpThenRedeemedIsTheCodeRedeemedNow() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        assertThat(codes().find(code.code())).contains(code);
        clock.advance(Duration.ofSeconds(2));
        assertThat(codes().consume(code.code())).contains(code.withConsumedAt(clock.now()));
        assertThat(codes().find(code.code())).contains(code.withConsumedAt(clock.now()));
    }

    @Test
    @Covers("find")
    @Covers("consume")
    void aCodeRedeemedByAnotherCallerAfterTheLookupIsAReplay() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        codes().find(code.code()).orElseThrow();
        AuthorizationCode first = inTransactionIfAny(() -> codes().consume(code.code()).orElseThrow());
        assertThatThrownBy(() -> codes().consume(code.code())).isInstanceOf(AlreadyConsumedException.class)
                .satisfies(e -> assertThat(((AlreadyConsumedException) e).record(AuthorizationCode.class))
                        .contains(first));
    }

    @Test
    @Covers("find")
    @Covers("consume")
    void aCodeThatExpiredAfterTheLookupIsNotRedeemed() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        codes().find(code.code()).orElseThrow();
        clock.set(code.expiresAt());
        assertThat(codes().consume(code.code())).isEmpty();
    }

    @Test
    @Covers("find")
    @Covers("consume")
    @Covers("eraseSubject")
    void aCodeErasedAndIssuedAgainAfterTheLookupIsRedeemedAsStoredNow() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        codes().find(code.code()).orElseThrow();
        assertThat(codes().eraseSubject(code.subject())).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        AuthorizationCode again = code.toBuilder().subject(Samples.id("sub")).grantId(Samples.id("grant"))
                .createdAt(clock.now()).build();
        codes().save(again);
        assertThat(codes().consume(code.code())).as("the code as stored now, not as looked up")
                .contains(again.withConsumedAt(clock.now()));
    }

    @Test
    @Covers(value = "find", race = true)
    @Covers(value = "consume", race = true)
    void redemptionsRacingAfterLookupsHaveExactlyOneWinner() {
        Race.<Optional<AuthorizationCode>>rounds(round -> {
            AuthorizationCode code = samples.code();
            codes().save(code);
            return i -> () -> {
                codes().find(code.code()).orElseThrow();
                return codes().consume(code.code());
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            assertThat(outcomes).filteredOn(Race.Outcome::succeeded).allMatch(o -> o.value().isPresent());
        });
    }

    @Test
    @Covers(value = "find", type = RefreshTokenStore.class)
    @Covers(value = "consume", type = RefreshTokenStore.class)
    @Covers(value = "save", type = RefreshTokenStore.class)
    void aRefreshTokenLookedUpThenRotatedIsTheTokenRedeemedNow() {
        RefreshToken rt = samples.refreshToken();
        refreshTokens().save(rt, null);
        assertThat(refreshTokens().find(rt.token())).contains(rt);
        clock.advance(Duration.ofSeconds(2));
        RefreshToken next = inTransactionIfAny(() -> {
            RefreshToken used = refreshTokens().consume(rt.token()).orElseThrow();
            assertThat(used).isEqualTo(rt.withConsumedAt(clock.now()));
            RefreshToken successor = used.successor(Samples.secret("rt"), null, clock.now(), samples.expiry());
            refreshTokens().save(successor, rt.token());
            return successor;
        });
        assertThat(refreshTokens().find(next.token())).contains(next);
        assertThat(refreshTokens().find(rt.token())).contains(rt.withConsumedAt(clock.now()));
    }

    @Test
    @Covers(value = "find", type = RefreshTokenStore.class)
    @Covers(value = "consume", type = RefreshTokenStore.class)
    @Covers(value = "revokeChain", type = RefreshTokenStore.class)
    void aRefreshTokenRevokedAfterTheLookupIsNotRedeemed() {
        RefreshToken rt = samples.refreshToken();
        refreshTokens().save(rt, null);
        refreshTokens().find(rt.token()).orElseThrow();
        assertThat(refreshTokens().revokeChain(rt.token())).isEqualTo(1);
        assertThatThrownBy(() -> refreshTokens().consume(rt.token())).isInstanceOf(AlreadyConsumedException.class);
    }

    @Test
    @Covers(value = "find", type = RefreshTokenStore.class)
    @Covers(value = "consume", type = RefreshTokenStore.class)
    @Covers(value = "eraseSubject", type = RefreshTokenStore.class)
    void aRefreshTokenErasedAndIssuedAgainAfterTheLookupIsRedeemedAsStoredNow() {
        RefreshToken rt = samples.refreshToken().toBuilder().subject(Samples.id("sub")).build();
        refreshTokens().save(rt, null);
        refreshTokens().find(rt.token()).orElseThrow();
        assertThat(refreshTokens().eraseSubject(rt.subject())).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        RefreshToken again = rt.toBuilder().subject(Samples.id("sub")).grantId(Samples.id("grant"))
                .createdAt(clock.now()).build();
        refreshTokens().save(again, null);
        assertThat(refreshTokens().consume(rt.token())).as("the token as stored now, not as looked up")
                .contains(again.withConsumedAt(clock.now()));
    }

    @Test
    @Covers(value = "find", type = RefreshTokenStore.class, race = true)
    @Covers(value = "consume", type = RefreshTokenStore.class, race = true)
    void refreshRedemptionsRacingAfterLookupsHaveExactlyOneWinner() {
        Race.<Optional<RefreshToken>>rounds(round -> {
            RefreshToken rt = samples.refreshToken();
            refreshTokens().save(rt, null);
            return i -> () -> {
                refreshTokens().find(rt.token()).orElseThrow();
                return refreshTokens().consume(rt.token());
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            assertThat(outcomes).filteredOn(Race.Outcome::succeeded).allMatch(o -> o.value().isPresent());
        });
    }
}
