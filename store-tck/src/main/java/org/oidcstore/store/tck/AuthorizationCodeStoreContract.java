package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreKind;

/** Contract of {@link AuthorizationCodeStore}. */
@ContractFor(AuthorizationCodeStore.class)
public abstract class AuthorizationCodeStoreContract extends StoreContract {

    private AuthorizationCodeStore codes() {
        return store.authorizationCodes();
    }

    @Test
    @Covers("save")
    @Covers("find")
    void savedCodeReadsBackWithEveryField() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        assertThat(codes().find(code.code())).contains(code);
    }

    @Test
    @Covers("find")
    void unknownCodeIsAbsent() {
        assertThat(codes().find(Samples.secret("code"))).isEmpty();
        assertThat(codes().consume(Samples.secret("code"))).isEmpty();
    }

    @Test
    @Covers("save")
    void savingTheSameCodeTwiceIsADuplicateAndKeepsTheFirst() {
        AuthorizationCode first = samples.code();
        codes().save(first);
        AuthorizationCode second = first.toBuilder().subject("someone-else").build();
        assertThatThrownBy(() -> codes().save(second)).isInstanceOf(DuplicateRecordException.class);
        assertThat(codes().find(first.code())).contains(first);
    }

    @Test
    @Covers("save")
    void savingAConsumedCodeIsRefusedAndWritesNothing() {
        AuthorizationCode code = samples.code().withConsumedAt(clock.now());
        assertThatThrownBy(() -> codes().save(code)).isInstanceOf(IllegalArgumentException.class);
        assertThat(codes().find(code.code())).isEmpty();
    }

    @Test
    @Covers("consume")
    void consumeMarksTheCodeConsumedAtTheStoreClock() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        clock.advance(Duration.ofSeconds(3));
        AuthorizationCode consumed = codes().consume(code.code()).orElseThrow();
        assertThat(consumed).isEqualTo(code.withConsumedAt(clock.now()));
        assertThat(codes().find(code.code())).contains(consumed);
    }

    @Test
    @Covers("consume")
    void consumeTwiceIsAReplayCarryingTheRecordAndItsGrant() {
        AuthorizationCode code = samples.code("grant-to-revoke");
        codes().save(code);
        AuthorizationCode consumed = codes().consume(code.code()).orElseThrow();
        assertThatThrownBy(() -> codes().consume(code.code()))
                .isInstanceOfSatisfying(AlreadyConsumedException.class, e -> {
                    assertThat(e.record(AuthorizationCode.class)).contains(consumed);
                    assertThat(e.record(AuthorizationCode.class).orElseThrow().grantId()).isEqualTo("grant-to-revoke");
                    assertThat(e.getMessage()).doesNotContain(code.code());
                });
    }

    @ParameterizedTest
    @EnumSource(RedemptionState.class)
    @Covers("find")
    @Covers("consume")
    void redemptionMatrix(RedemptionState state) {
        AuthorizationCode code = samples.code();
        codes().save(code);
        AuthorizationCode consumed = state.consumed() ? codes().consume(code.code()).orElseThrow() : null;
        if (state.expired()) {
            clock.set(code.expiresAt());
        }
        Optional<AuthorizationCode> found = codes().find(code.code());
        switch (state) {
            case LIVE -> {
                assertThat(found).contains(code);
                assertThat(codes().consume(code.code())).contains(code.withConsumedAt(clock.now()));
            }
            case CONSUMED -> {
                assertThat(found).contains(consumed);
                assertThatThrownBy(() -> codes().consume(code.code()))
                        .isInstanceOfSatisfying(AlreadyConsumedException.class,
                                e -> assertThat(e.record(AuthorizationCode.class)).contains(consumed));
            }
            case EXPIRED, EXPIRED_CONSUMED -> {
                assertThat(found).isEmpty();
                assertThat(codes().consume(code.code())).isEmpty();
            }
        }
    }

    @Test
    @Covers("find")
    void aCodeIsExpiredAtItsExpiryInstant() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        clock.set(code.expiresAt().minusMillis(1));
        assertThat(codes().find(code.code())).isPresent();
        clock.set(code.expiresAt());
        assertThat(codes().find(code.code())).isEmpty();
    }

    @Test
    @Covers("save")
    void onlyTheDigestOfTheCodeIsStored() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        Hashing.assertOnlyDigestStored(fixture, StoreKind.AUTHORIZATION_CODES, code.code());
    }

    @Test
    @Covers("find")
    @Covers("consume")
    void theStoredDigestPresentedAsACodeDoesNotMatch() {
        AuthorizationCode code = samples.code();
        codes().save(code);
        String digest = fixture.digest().digest(StoreKind.AUTHORIZATION_CODES, code.code());
        assertThat(codes().find(digest)).isEmpty();
        assertThat(codes().consume(digest)).isEmpty();
        assertThat(codes().find(code.code())).contains(code);
    }

    @Test
    @Covers(value = "consume", race = true)
    void concurrentConsumeHasExactlyOneWinner() {
        Race.<Optional<AuthorizationCode>>rounds(round -> {
            AuthorizationCode code = samples.code();
            codes().save(code);
            return i -> () -> codes().consume(code.code());
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            assertThat(outcomes).filteredOn(Race.Outcome::succeeded).allMatch(o -> o.value().isPresent());
        });
    }
}
