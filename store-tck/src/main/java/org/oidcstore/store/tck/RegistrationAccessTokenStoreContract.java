package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.Limits;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.RegistrationAccessTokenStore;
import org.oidcstore.store.StoreKind;

/**
 * Contract of {@link RegistrationAccessTokenStore}: one live token per client, digests only, and
 * rotation as a compare-and-swap with exactly one winner.
 */
@ContractFor(RegistrationAccessTokenStore.class)
public abstract class RegistrationAccessTokenStoreContract extends StoreContract {

    private RegistrationAccessTokenStore tokens() {
        return store.registrationAccessTokens();
    }

    private RegistrationAccessToken token(String clientId) {
        return new RegistrationAccessToken(clientId, Samples.secret("rat"), clock.now(), null);
    }

    private RegistrationAccessToken expiring(String clientId) {
        return new RegistrationAccessToken(clientId, Samples.secret("rat"), clock.now(),
                clock.now().plus(Duration.ofHours(1)));
    }

    @Test
    @Covers("save")
    @Covers("findByClient")
    @Covers("matches")
    void aSavedTokenIsFoundByClientWithoutItsValueAndMatchesOnlyItsClient() {
        RegistrationAccessToken t = expiring(Samples.id("client"));
        tokens().save(t);
        assertThat(tokens().findByClient(t.clientId())).contains(t.withoutToken());
        assertThat(tokens().matches(t.clientId(), t.token())).isTrue();
        assertThat(tokens().matches(t.clientId(), Samples.secret("rat"))).isFalse();
        assertThat(tokens().matches(Samples.id("client"), t.token())).as("another client").isFalse();
        assertThat(tokens().findByClient(Samples.id("client"))).isEmpty();
        RegistrationAccessToken forever = token(Samples.id("client"));
        tokens().save(forever);
        assertThat(tokens().findByClient(forever.clientId())).contains(forever.withoutToken());
    }

    @Test
    @Covers("save")
    void aClientHasOneLiveTokenAndTwoClientsNeverShareAValue() {
        RegistrationAccessToken t = token(Samples.id("client"));
        tokens().save(t);
        RegistrationAccessToken second = token(t.clientId());
        Evidence.assertWritesNothing(fixture, "a second save for one client", () -> assertThatThrownBy(
                () -> tokens().save(second)).isInstanceOf(DuplicateRecordException.class));
        RegistrationAccessToken sameValue = new RegistrationAccessToken(Samples.id("client"), t.token(), clock.now(),
                null);
        Evidence.assertWritesNothing(fixture, "a save of another client's value", () -> assertThatThrownBy(
                () -> tokens().save(sameValue)).isInstanceOf(DuplicateRecordException.class));
        Evidence.assertWritesNothing(fixture, "a save without a value", () -> assertThatThrownBy(
                () -> tokens().save(t.withoutToken())).isInstanceOf(NullPointerException.class));
        assertThat(tokens().matches(t.clientId(), t.token())).isTrue();
        assertThat(tokens().matches(t.clientId(), second.token())).isFalse();
        assertThat(tokens().findByClient(sameValue.clientId())).isEmpty();
    }

    @Test
    @Covers("save")
    @Covers("rotate")
    @Covers("matches")
    @Covers("delete")
    void onlyDigestsAreStoredAndADigestPresentedAsATokenMatchesNothing() {
        RegistrationAccessToken t = token(Samples.id("client"));
        tokens().save(t);
        Hashing.assertOnlyDigestStored(fixture, StoreKind.REGISTRATION_ACCESS_TOKENS, t.token());
        String digest = fixture.digest().digest(StoreKind.REGISTRATION_ACCESS_TOKENS, t.token());
        assertThat(tokens().matches(t.clientId(), digest)).isFalse();
        RegistrationAccessToken next = token(t.clientId());
        assertThatThrownBy(() -> tokens().rotate(digest, next)).isInstanceOf(ConflictException.class);
        tokens().rotate(t.token(), next);
        Hashing.assertOnlyDigestStored(fixture, StoreKind.REGISTRATION_ACCESS_TOKENS, next.token());
        assertThat(fixture.persisted().dump()).as("the rotated-away digest is gone").noneMatch(i -> i != null
                && i.contains(digest));
        assertThat(tokens().delete(t.clientId())).isTrue();
    }

    @Test
    @Covers("rotate")
    @Covers("findByClient")
    void rotationReplacesTheLiveTokenAndAStaleTokenCannotRotateAgain() {
        RegistrationAccessToken t = token(Samples.id("client"));
        tokens().save(t);
        clock.advance(Duration.ofSeconds(30));
        RegistrationAccessToken next = expiring(t.clientId());
        tokens().rotate(t.token(), next);
        assertThat(tokens().matches(t.clientId(), next.token())).isTrue();
        assertThat(tokens().matches(t.clientId(), t.token())).isFalse();
        assertThat(tokens().findByClient(t.clientId())).contains(next.withoutToken());
        RegistrationAccessToken third = token(t.clientId());
        Evidence.assertWritesNothing(fixture, "a rotation from a stale token", () -> assertThatThrownBy(
                () -> tokens().rotate(t.token(), third)).isInstanceOf(ConflictException.class));
        assertThat(tokens().matches(t.clientId(), next.token())).isTrue();
        RegistrationAccessToken stranger = token(Samples.id("client"));
        assertThatThrownBy(() -> tokens().rotate(next.token(), stranger)).as("a client without a token")
                .isInstanceOf(ConflictException.class);
        assertThat(tokens().findByClient(stranger.clientId())).isEmpty();
    }

    @Test
    @Covers("rotate")
    void aRotationToAnotherClientsValueIsADuplicateAndChangesNothing() {
        RegistrationAccessToken a = token(Samples.id("client"));
        RegistrationAccessToken b = token(Samples.id("client"));
        tokens().save(a);
        tokens().save(b);
        RegistrationAccessToken clash = new RegistrationAccessToken(a.clientId(), b.token(), clock.now(), null);
        Evidence.assertWritesNothing(fixture, "a rotation to a taken value", () -> assertThatThrownBy(
                () -> tokens().rotate(a.token(), clash)).isInstanceOf(DuplicateRecordException.class));
        assertThat(tokens().matches(a.clientId(), a.token())).isTrue();
        assertThat(tokens().matches(b.clientId(), b.token())).isTrue();
        assertThat(tokens().matches(a.clientId(), b.token())).isFalse();
    }

    @Test
    @Covers("findByClient")
    @Covers("matches")
    @Covers("rotate")
    @Covers("save")
    void anExpiredTokenIsAbsentAndTheClientMayBeGivenANewOne() {
        RegistrationAccessToken t = expiring(Samples.id("client"));
        tokens().save(t);
        clock.set(t.expiresAt().minusMillis(1));
        assertThat(tokens().matches(t.clientId(), t.token())).isTrue();
        clock.set(t.expiresAt());
        assertThat(tokens().findByClient(t.clientId())).isEmpty();
        assertThat(tokens().matches(t.clientId(), t.token())).isFalse();
        assertThatThrownBy(() -> tokens().rotate(t.token(), token(t.clientId()))).isInstanceOf(ConflictException.class);
        RegistrationAccessToken fresh = token(t.clientId());
        tokens().save(fresh);
        assertThat(tokens().findByClient(t.clientId())).contains(fresh.withoutToken());
        assertThat(tokens().matches(t.clientId(), fresh.token())).isTrue();
        assertThat(tokens().matches(t.clientId(), t.token())).isFalse();
        fixture.sweepExpired();
        assertThat(tokens().matches(t.clientId(), fresh.token())).as("a live token is never reclaimed").isTrue();
    }

    @Test
    @Covers("delete")
    void deleteRemovesTheClientsTokenAndIsIdempotent() {
        RegistrationAccessToken t = token(Samples.id("client"));
        tokens().save(t);
        assertThat(tokens().delete(t.clientId())).isTrue();
        assertThat(tokens().delete(t.clientId())).isFalse();
        assertThat(tokens().matches(t.clientId(), t.token())).isFalse();
        assertThat(tokens().findByClient(t.clientId())).isEmpty();
        RegistrationAccessToken old = expiring(Samples.id("client"));
        tokens().save(old);
        clock.set(old.expiresAt());
        assertThat(tokens().delete(old.clientId())).as("an expired token is absent").isFalse();
        clock.set(old.createdAt());
        assertThat(tokens().findByClient(old.clientId())).as("but it was deleted all the same").isEmpty();
        tokens().save(t);
        assertThat(tokens().matches(t.clientId(), t.token())).as("the value is free again").isTrue();
    }

    @Test
    @Covers(value = "save", race = true)
    void ofConcurrentFirstSavesForOneClientExactlyOneWins() {
        Race.<RegistrationAccessToken>rounds(round -> {
            String client = Samples.id("client");
            return i -> () -> {
                RegistrationAccessToken t = token(client);
                tokens().save(t);
                return t;
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, DuplicateRecordException.class);
            RegistrationAccessToken winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst()
                    .orElseThrow().value();
            assertThat(tokens().matches(winner.clientId(), winner.token())).isTrue();
        });
    }

    @Test
    @Covers(value = "rotate", race = true)
    void ofConcurrentRotationsFromOneTokenExactlyOneWinsAndOnlyItsTokenMatches() {
        Race.<RegistrationAccessToken>rounds(round -> {
            RegistrationAccessToken old = token(Samples.id("client"));
            tokens().save(old);
            return i -> () -> {
                RegistrationAccessToken next = token(old.clientId());
                tokens().rotate(old.token(), next);
                return next;
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, ConflictException.class);
            RegistrationAccessToken winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst()
                    .orElseThrow().value();
            assertThat(tokens().matches(winner.clientId(), winner.token())).isTrue();
            assertThat(tokens().findByClient(winner.clientId())).contains(winner.withoutToken());
        });
    }

    @Test
    @Covers("save")
    @Covers("findByClient")
    void aTokenAtTheCapsReadsBackEqual() {
        RegistrationAccessToken t = new RegistrationAccessToken(Caps.id("client-"), Caps.id("rat-"),
                Limits.MIN_INSTANT, Limits.MAX_INSTANT);
        tokens().save(t);
        assertThat(tokens().findByClient(t.clientId())).contains(t.withoutToken());
        assertThat(tokens().matches(t.clientId(), t.token())).isTrue();
        Instant later = clock.now();
        RegistrationAccessToken next = new RegistrationAccessToken(t.clientId(), Caps.id("rot-"), later, null);
        tokens().rotate(t.token(), next);
        assertThat(tokens().findByClient(t.clientId())).contains(next.withoutToken());
    }

    @Test
    @Covers("save")
    @Covers("rotate")
    void noRefusalCarriesATokenValue() {
        RegistrationAccessToken t = token(Samples.id("client"));
        tokens().save(t);
        RegistrationAccessToken second = token(t.clientId());
        RegistrationAccessToken next = token(t.clientId());
        for (Throwable e : List.of(Evidence.thrownBy(() -> tokens().save(t)),
                Evidence.thrownBy(() -> tokens().save(second)),
                Evidence.thrownBy(() -> tokens().rotate(second.token(), next)))) {
            Evidence.assertNoLeak(e, t.token(), second.token(), next.token());
        }
    }
}
