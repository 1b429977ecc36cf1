package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;

/** Contract of {@link PushedAuthorizationRequestStore}. */
@ContractFor(PushedAuthorizationRequestStore.class)
public abstract class PushedAuthorizationRequestStoreContract extends StoreContract {

    private PushedAuthorizationRequestStore pars() {
        return store.pushedAuthorizationRequests();
    }

    @Test
    @Covers("save")
    @Covers("find")
    void aPushedRequestReadsBackWithEveryParameter() {
        PushedAuthorizationRequest r = samples.par("client-a");
        pars().save(r);
        assertThat(pars().find(r.requestUri())).contains(r);
        assertThat(pars().find(Samples.secret("urn:ietf:params:oauth:request_uri"))).isEmpty();
    }

    @Test
    @Covers("save")
    void savingTheSameRequestUriTwiceIsADuplicateEvenAfterConsumption() {
        PushedAuthorizationRequest r = samples.par("client-a");
        pars().save(r);
        assertThatThrownBy(() -> pars().save(r)).isInstanceOf(DuplicateRecordException.class);
        pars().consume(r.requestUri());
        assertThatThrownBy(() -> pars().save(r)).as("a consumed URI is never reissued")
                .isInstanceOf(DuplicateRecordException.class);
    }

    @Test
    @Covers("consume")
    void consumeReturnsTheRequestOnceAndThenReportsAReplayWithoutRecord() {
        PushedAuthorizationRequest r = samples.par("client-a");
        pars().save(r);
        assertThat(pars().consume(r.requestUri())).contains(r);
        assertThat(pars().find(r.requestUri())).as("a consumed request is not found").isEmpty();
        assertThatThrownBy(() -> pars().consume(r.requestUri()))
                .isInstanceOfSatisfying(AlreadyConsumedException.class, e -> {
                    assertThat(e.record()).isEmpty();
                    assertThat(e.getMessage()).doesNotContain(r.requestUri());
                });
        assertThat(pars().consume(Samples.secret("urn:ietf:params:oauth:request_uri")))
                .as("never existed is not a replay").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RedemptionState.class)
    @Covers("find")
    @Covers("consume")
    void redemptionMatrix(RedemptionState state) {
        PushedAuthorizationRequest r = samples.par("client-a");
        pars().save(r);
        if (state.consumed()) {
            pars().consume(r.requestUri()).orElseThrow();
        }
        if (state.expired()) {
            clock.set(r.expiresAt());
        }
        Optional<PushedAuthorizationRequest> found = pars().find(r.requestUri());
        switch (state) {
            case LIVE -> {
                assertThat(found).contains(r);
                assertThat(pars().consume(r.requestUri())).contains(r);
            }
            case EXPIRED -> {
                assertThat(found).isEmpty();
                assertThat(pars().consume(r.requestUri())).as("consume ignores expiry: a slow login completes")
                        .contains(r);
            }
            case CONSUMED, EXPIRED_CONSUMED -> {
                assertThat(found).isEmpty();
                assertThatThrownBy(() -> pars().consume(r.requestUri()))
                        .isInstanceOfSatisfying(AlreadyConsumedException.class, e -> assertThat(e.record()).isEmpty());
            }
        }
    }

    @Test
    @Covers("consume")
    void afterTheConsumeGraceTheRequestIsGoneConsumedOrNot() {
        PushedAuthorizationRequest unused = samples.par("client-a");
        PushedAuthorizationRequest used = samples.par("client-a");
        pars().save(unused);
        pars().save(used);
        pars().consume(used.requestUri());
        clock.set(unused.expiresAt().plus(PushedAuthorizationRequestStore.CONSUME_GRACE).minusMillis(1));
        assertThatThrownBy(() -> pars().consume(used.requestUri())).isInstanceOf(AlreadyConsumedException.class);
        clock.set(unused.expiresAt().plus(PushedAuthorizationRequestStore.CONSUME_GRACE));
        assertThat(pars().consume(unused.requestUri())).isEmpty();
        assertThat(pars().consume(used.requestUri())).isEmpty();
        assertThat(pars().find(unused.requestUri())).isEmpty();
    }

    @Test
    @Covers("find")
    void aRequestIsExpiredForFindAtItsExpiryInstant() {
        PushedAuthorizationRequest r = samples.par("client-a");
        pars().save(r);
        clock.set(r.expiresAt().minusMillis(1));
        assertThat(pars().find(r.requestUri())).isPresent();
        clock.set(r.expiresAt());
        assertThat(pars().find(r.requestUri())).isEmpty();
    }

    @Test
    @Covers("save")
    @Covers("find")
    void onlyTheDigestOfTheRequestUriIsStoredAndTheDigestDoesNotMatch() {
        PushedAuthorizationRequest r = samples.par("client-a");
        pars().save(r);
        Hashing.assertOnlyDigestStored(fixture, StoreKind.PUSHED_AUTHORIZATION_REQUESTS, r.requestUri());
        String digest = fixture.digest().digest(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, r.requestUri());
        assertThat(pars().find(digest)).isEmpty();
        assertThat(pars().consume(digest)).isEmpty();
        assertThat(pars().find(r.requestUri())).contains(r);
    }

    @Test
    @Covers(value = "consume", race = true)
    void concurrentConsumesHaveExactlyOneWinner() {
        Race.<Optional<PushedAuthorizationRequest>>rounds(round -> {
            PushedAuthorizationRequest r = samples.par("client-a");
            pars().save(r);
            return i -> () -> pars().consume(r.requestUri());
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            assertThat(outcomes).filteredOn(Race.Outcome::succeeded).allMatch(o -> o.value().isPresent());
        });
    }
}
