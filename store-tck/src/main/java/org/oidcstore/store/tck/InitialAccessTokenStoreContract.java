package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.InitialAccessTokenStore;
import org.oidcstore.store.Limits;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.Caps.Shape;

/**
 * Contract of {@link InitialAccessTokenStore}: digests only, expired tokens reported as expired
 * (not absent) until their retention ends, and a use counter whose ceiling has exactly one winner
 * of the last use.
 */
@ContractFor(InitialAccessTokenStore.class)
public abstract class InitialAccessTokenStoreContract extends StoreContract {

    private InitialAccessTokenStore tokens() {
        return store.initialAccessTokens();
    }

    private InitialAccessToken token(Integer maxUses) {
        return InitialAccessToken.issue(Samples.secret("iat"), clock.now(), clock.now().plus(Duration.ofHours(1)),
                maxUses, Map.of("scope", "openid profile", "software_statement_iss", "https://vendor.example"));
    }

    @Test
    @Covers("save")
    @Covers("find")
    void aSavedTokenReadsBackWithEveryFieldAndAnUnknownOneIsAbsent() {
        InitialAccessToken t = token(3);
        tokens().save(t);
        assertThat(tokens().find(t.token())).contains(t);
        InitialAccessToken forever = InitialAccessToken.issue(Samples.secret("iat"), clock.now(), null, null, null);
        tokens().save(forever);
        assertThat(tokens().find(forever.token())).contains(forever);
        assertThat(tokens().find(Samples.secret("iat"))).isEmpty();
    }

    @Test
    @Covers("save")
    void savingTheSameValueTwiceIsADuplicateAndAUsedTokenCannotBeSaved() {
        InitialAccessToken t = token(3);
        tokens().save(t);
        InitialAccessToken other = InitialAccessToken.issue(t.token(), clock.now(), null, null, Map.of("x", "y"));
        Evidence.assertWritesNothing(fixture, "a duplicate save", () -> assertThatThrownBy(() -> tokens().save(other))
                .isInstanceOf(DuplicateRecordException.class));
        InitialAccessToken used = token(3).withUses(1);
        Evidence.assertWritesNothing(fixture, "a save of a used token", () -> assertThatThrownBy(
                () -> tokens().save(used)).isInstanceOf(IllegalArgumentException.class));
        assertThat(tokens().find(t.token())).contains(t);
        assertThat(tokens().find(used.token())).isEmpty();
    }

    @Test
    @Covers("save")
    @Covers("find")
    @Covers("use")
    @Covers("delete")
    void onlyTheDigestIsStoredAndTheDigestPresentedAsATokenMatchesNothing() {
        InitialAccessToken t = token(3);
        tokens().save(t);
        Hashing.assertOnlyDigestStored(fixture, StoreKind.INITIAL_ACCESS_TOKENS, t.token());
        String digest = fixture.digest().digest(StoreKind.INITIAL_ACCESS_TOKENS, t.token());
        assertThat(tokens().find(digest)).isEmpty();
        assertThat(tokens().use(digest)).isEmpty();
        assertThat(tokens().delete(digest)).isFalse();
        assertThat(tokens().find(t.token())).contains(t);
    }

    @Test
    @Covers("use")
    @Covers("find")
    void eachUseCountsAndTheCeilingRefusesTheNextOne() {
        InitialAccessToken t = token(2);
        tokens().save(t);
        assertThat(tokens().use(t.token())).isEqualTo(OptionalInt.of(1));
        assertThat(tokens().find(t.token())).contains(t.withUses(1));
        assertThat(tokens().use(t.token())).isEqualTo(OptionalInt.of(2));
        assertThatThrownBy(() -> tokens().use(t.token())).isInstanceOf(ConflictException.class);
        InitialAccessToken spent = tokens().find(t.token()).orElseThrow();
        assertThat(spent).isEqualTo(t.withUses(2));
        assertThat(spent.isExhausted()).isTrue();
        assertThat(spent.isExpiredAt(clock.now())).isFalse();
        assertThat(tokens().use(Samples.secret("iat"))).as("an unknown token").isEmpty();
    }

    @Test
    @Covers("use")
    void aTokenWithoutCeilingOrExpiryCountsEveryUse() {
        InitialAccessToken t = InitialAccessToken.issue(Samples.secret("iat"), clock.now(), null, null, null);
        tokens().save(t);
        for (int i = 1; i <= 20; i++) {
            assertThat(tokens().use(t.token())).isEqualTo(OptionalInt.of(i));
        }
        clock.set(Limits.MAX_INSTANT);
        assertThat(tokens().use(t.token())).isEqualTo(OptionalInt.of(21));
    }

    @Test
    @Covers("find")
    @Covers("use")
    void anExpiredTokenIsFoundAsExpiredAndItsUseIsRefusedWithoutCounting() {
        InitialAccessToken t = token(null);
        tokens().save(t);
        assertThat(tokens().use(t.token())).isEqualTo(OptionalInt.of(1));
        clock.set(t.expiresAt().minusMillis(1));
        assertThat(tokens().use(t.token())).isEqualTo(OptionalInt.of(2));
        clock.set(t.expiresAt());
        InitialAccessToken found = tokens().find(t.token()).orElseThrow(() -> new AssertionError(
                "an expired initial access token must be found, reported as expired"));
        assertThat(found).isEqualTo(t.withUses(2));
        assertThat(found.isExpiredAt(clock.now())).isTrue();
        assertThatThrownBy(() -> tokens().use(t.token())).isInstanceOf(ConflictException.class);
        assertThat(tokens().find(t.token())).as("a refused use does not count").contains(t.withUses(2));
    }

    @Test
    @Covers("find")
    void reclamationKeepsAnExpiredTokenForItsRetentionAndATokenWithoutExpiryForever() {
        InitialAccessToken t = token(1);
        InitialAccessToken forever = InitialAccessToken.issue(Samples.secret("iat"), clock.now(), null, 1, null);
        tokens().save(t);
        tokens().save(forever);
        tokens().use(forever.token());
        clock.set(t.expiresAt().plus(InitialAccessTokenStore.EXPIRED_RETENTION).minusSeconds(1));
        fixture.sweepExpired();
        assertThat(tokens().find(t.token())).as("expired, within its retention").contains(t);
        clock.set(t.expiresAt().plus(InitialAccessTokenStore.EXPIRED_RETENTION));
        fixture.sweepExpired();
        clock.set(t.createdAt());
        assertThat(tokens().find(t.token())).as("reclaimed after its retention, for good").isEmpty();
        assertThat(tokens().find(forever.token())).as("exhausted, without expiry").contains(forever.withUses(1));
    }

    @Test
    @Covers("delete")
    void deleteRemovesATokenExpiredOrNotAndIsIdempotent() {
        InitialAccessToken t = token(3);
        InitialAccessToken old = token(3);
        tokens().save(t);
        tokens().save(old);
        assertThat(tokens().delete(t.token())).isTrue();
        assertThat(tokens().delete(t.token())).isFalse();
        assertThat(tokens().find(t.token())).isEmpty();
        assertThat(tokens().use(t.token())).isEmpty();
        clock.set(old.expiresAt());
        assertThat(tokens().delete(old.token())).as("an expired token").isTrue();
        assertThat(tokens().find(old.token())).isEmpty();
        assertThat(tokens().delete(Samples.secret("iat"))).isFalse();
    }

    /** A use joins the caller's transaction: a registration that rolls back gives its use back. */
    @Test
    @Covers("use")
    void aUseInATransactionThatRollsBackIsGivenBack() {
        InitialAccessToken t = token(1);
        tokens().save(t);
        fixture.transactions().ifPresent(tx -> {
            tx.rollback(() -> assertThat(tokens().use(t.token())).isEqualTo(OptionalInt.of(1)));
            assertThat(tokens().find(t.token())).as("after the rollback").contains(t);
        });
        assertThat(tokens().use(t.token())).isEqualTo(OptionalInt.of(1));
        assertThat(tokens().find(t.token())).contains(t.withUses(1));
    }

    @Test
    @Covers(value = "use", race = true)
    void ofConcurrentUsesAtTheCeilingExactlyOneWinsTheLastUse() {
        Race.<OptionalInt>rounds(round -> {
            InitialAccessToken t = token(3);
            tokens().save(t);
            tokens().use(t.token());
            tokens().use(t.token());
            return i -> () -> tokens().use(t.token());
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, ConflictException.class);
            assertThat(outcomes.stream().filter(Race.Outcome::succeeded).map(Race.Outcome::value).toList())
                    .as("round %d: the winner's count", round).containsExactly(OptionalInt.of(3));
        });
    }

    @Test
    @Covers(value = "use", race = true)
    void ofConcurrentUsesExactlyAsManyWinAsTheCeilingAllowsEachWithItsOwnCount() {
        int ceiling = 5;
        InitialAccessToken[] current = new InitialAccessToken[1];
        Race.<OptionalInt>rounds(round -> {
            current[0] = token(ceiling);
            tokens().save(current[0]);
            return i -> () -> tokens().use(current[0].token());
        }, (round, outcomes) -> {
            List<Throwable> wrong = outcomes.stream().filter(o -> !o.succeeded()).map(Race.Outcome::error)
                    .filter(e -> !(e instanceof ConflictException)).toList();
            assertThat(wrong).as("round %d: losers get ConflictException", round).isEmpty();
            assertThat(outcomes.stream().filter(Race.Outcome::succeeded).map(o -> o.value().orElseThrow()).sorted()
                    .toList()).as("round %d: the winners' counts", round).containsExactly(1, 2, 3, 4, 5);
            assertThat(tokens().find(current[0].token()).orElseThrow().uses()).isEqualTo(ceiling);
        });
    }

    @Test
    @Covers("save")
    @Covers("find")
    void aTokenAtTheCapsReadsBackEqual() {
        for (Shape shape : Shape.values()) {
            InitialAccessToken t = new InitialAccessToken(Caps.id("iat-"), Limits.MIN_INSTANT, Limits.MAX_INSTANT,
                    Integer.MAX_VALUE, 0, Caps.map(shape, 'p'));
            tokens().save(t);
            assertThat(tokens().find(t.token())).as(shape.name()).contains(t);
            assertThat(tokens().delete(t.token())).isTrue();
        }
    }

    @Test
    @Covers("save")
    @Covers("use")
    void noRefusalCarriesTheToken() {
        InitialAccessToken t = token(1);
        tokens().save(t);
        Evidence.assertNoLeak(Evidence.thrownBy(() -> tokens().save(t)), t.token());
        tokens().use(t.token());
        Throwable exhausted = Evidence.thrownBy(() -> tokens().use(t.token()));
        assertThat(exhausted).isInstanceOf(ConflictException.class);
        Evidence.assertNoLeak(exhausted, t.token());
        clock.set(t.expiresAt());
        Throwable expired = Evidence.thrownBy(() -> tokens().use(t.token()));
        assertThat(expired).isInstanceOf(ConflictException.class);
        Evidence.assertNoLeak(expired, t.token());
    }
}
