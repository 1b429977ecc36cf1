package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StoreKind;

/** Contract of {@link RefreshTokenStore}: storage, redemption and hashing. Rotation: {@link RefreshTokenRotationContract}. */
@ContractFor(RefreshTokenStore.class)
public abstract class RefreshTokenStoreContract extends StoreContract {

    protected RefreshTokenStore tokens() {
        return store.refreshTokens();
    }

    @Test
    @Covers("save")
    @Covers("find")
    void savedRootReadsBackWithEveryField() {
        RefreshToken token = samples.refreshToken();
        tokens().save(token, null);
        assertThat(tokens().find(token.token())).contains(token);
    }

    @Test
    @Covers("find")
    @Covers("consume")
    void unknownTokenIsAbsent() {
        assertThat(tokens().find(Samples.secret("rt"))).isEmpty();
        assertThat(tokens().consume(Samples.secret("rt"))).isEmpty();
    }

    @Test
    @Covers("save")
    void savingTheSameTokenTwiceIsADuplicateAndKeepsTheFirst() {
        RefreshToken first = samples.refreshToken();
        tokens().save(first, null);
        assertThatThrownBy(() -> tokens().save(first.toBuilder().subject("mallory").build(), null))
                .isInstanceOf(DuplicateRecordException.class);
        assertThat(tokens().find(first.token())).contains(first);
    }

    @Test
    @Covers("save")
    void savingAConsumedOrRevokedTokenIsRefusedAndWritesNothing() {
        RefreshToken consumed = samples.refreshToken().withConsumedAt(clock.now());
        RefreshToken revoked = samples.refreshToken().toBuilder().revoked(true).build();
        assertThatThrownBy(() -> tokens().save(consumed, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens().save(revoked, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens().find(consumed.token())).isEmpty();
        assertThat(tokens().find(revoked.token())).isEmpty();
    }

    @Test
    @Covers("consume")
    void consumeMarksTheTokenConsumedAtTheStoreClock() {
        RefreshToken token = samples.refreshToken();
        tokens().save(token, null);
        clock.advance(Duration.ofSeconds(7));
        RefreshToken consumed = tokens().consume(token.token()).orElseThrow();
        assertThat(consumed).isEqualTo(token.withConsumedAt(clock.now()));
        assertThat(tokens().find(token.token())).contains(consumed);
    }

    @Test
    @Covers("consume")
    void consumeTwiceIsAReplayCarryingTheRecordAndItsGrant() {
        RefreshToken token = samples.refreshToken("grant-of-replay");
        tokens().save(token, null);
        RefreshToken consumed = tokens().consume(token.token()).orElseThrow();
        assertThatThrownBy(() -> tokens().consume(token.token()))
                .isInstanceOfSatisfying(AlreadyConsumedException.class, e -> {
                    assertThat(e.record(RefreshToken.class)).contains(consumed);
                    assertThat(e.getMessage()).doesNotContain(token.token());
                });
    }

    @Test
    @Covers("consume")
    @Covers("revokeChain")
    void consumingARevokedTokenIsRefusedWithTheRevokedRecord() {
        RefreshToken token = samples.refreshToken();
        tokens().save(token, null);
        assertThat(tokens().revokeChain(token.token())).isEqualTo(1);
        assertThatThrownBy(() -> tokens().consume(token.token()))
                .isInstanceOfSatisfying(AlreadyConsumedException.class, e -> {
                    RefreshToken r = e.record(RefreshToken.class).orElseThrow();
                    assertThat(r.revoked()).isTrue();
                    assertThat(r.consumedAt()).isNull();
                });
        assertThat(tokens().find(token.token()).orElseThrow().revoked()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(RedemptionState.class)
    @Covers("find")
    @Covers("consume")
    void redemptionMatrix(RedemptionState state) {
        RefreshToken token = samples.refreshToken();
        tokens().save(token, null);
        RefreshToken consumed = state.consumed() ? tokens().consume(token.token()).orElseThrow() : null;
        if (state.expired()) {
            clock.set(token.expiresAt());
        }
        Optional<RefreshToken> found = tokens().find(token.token());
        switch (state) {
            case LIVE -> {
                assertThat(found).contains(token);
                assertThat(tokens().consume(token.token())).contains(token.withConsumedAt(clock.now()));
            }
            case CONSUMED -> {
                assertThat(found).contains(consumed);
                assertThatThrownBy(() -> tokens().consume(token.token()))
                        .isInstanceOfSatisfying(AlreadyConsumedException.class,
                                e -> assertThat(e.record(RefreshToken.class)).contains(consumed));
            }
            case EXPIRED, EXPIRED_CONSUMED -> {
                assertThat(found).isEmpty();
                assertThat(tokens().consume(token.token())).isEmpty();
            }
        }
    }

    @Test
    @Covers("find")
    void aTokenIsExpiredAtItsExpiryInstant() {
        RefreshToken token = samples.refreshToken();
        tokens().save(token, null);
        clock.set(token.expiresAt().minusMillis(1));
        assertThat(tokens().find(token.token())).isPresent();
        clock.set(token.expiresAt());
        assertThat(tokens().find(token.token())).isEmpty();
    }

    @Test
    @Covers("save")
    void onlyDigestsOfTokenAndParentAreStored() {
        RefreshToken root = samples.refreshToken();
        tokens().save(root, null);
        tokens().consume(root.token()).orElseThrow();
        RefreshToken child = root.successor(Samples.secret("rt"), null, clock.now(), clock.now().plusSeconds(600));
        tokens().save(child, root.token());
        Hashing.assertOnlyDigestStored(fixture, StoreKind.REFRESH_TOKENS, root.token());
        Hashing.assertOnlyDigestStored(fixture, StoreKind.REFRESH_TOKENS, child.token());
    }

    @Test
    @Covers("find")
    @Covers("consume")
    void theStoredDigestPresentedAsATokenDoesNotMatch() {
        RefreshToken token = samples.refreshToken();
        tokens().save(token, null);
        String digest = fixture.digest().digest(StoreKind.REFRESH_TOKENS, token.token());
        assertThat(tokens().find(digest)).isEmpty();
        assertThat(tokens().consume(digest)).isEmpty();
        assertThat(tokens().revokeChain(digest)).isZero();
        assertThat(tokens().find(token.token()).orElseThrow().revoked()).isFalse();
    }

    @Test
    @Covers(value = "consume", race = true)
    void concurrentConsumeHasExactlyOneWinner() {
        Race.<Optional<RefreshToken>>rounds(round -> {
            RefreshToken token = samples.refreshToken();
            tokens().save(token, null);
            return i -> () -> tokens().consume(token.token());
        }, (round, outcomes) -> Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class));
    }
}
