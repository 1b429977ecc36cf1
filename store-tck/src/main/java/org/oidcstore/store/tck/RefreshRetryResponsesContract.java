package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;

/**
 * Contract of {@link RefreshRetryResponses} (rotation grace): what is served again, for how long,
 * and when the presentation is a replay after all. Atomicity with the caller's transaction, data at
 * rest and pepper rotation are {@link RefreshRetryResponsesAtRestContract}'s.
 */
@ContractFor(RefreshRetryResponses.class)
public abstract class RefreshRetryResponsesContract extends RetryResponseCases {

    @Test
    @Covers("saveWithRetryResponse")
    @Covers("findRetryResponse")
    void theResponseIsServedAgainAsGivenRepeatedlyAndReadingConsumesNothing() {
        RefreshToken root = samples.refreshToken();
        grace().save(root, null);
        RefreshToken next = successor(root);
        byte[] sent = response(next);
        rotate(root, sent.clone(), next, aMinute());
        byte[] first = grace().findRetryResponse(root.token()).orElseThrow();
        assertThat(first).isEqualTo(sent);
        first[0] ^= 1;
        assertThat(grace().findRetryResponse(root.token())).as("a copy each time, reading again")
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(sent));
        assertThat(grace().find(next.token())).as("the successor is stored as save stores it").contains(next);
        assertThat(grace().consume(next.token())).as("reading consumed nothing")
                .contains(next.withConsumedAt(clock.now()));
        assertThatThrownBy(() -> grace().consume(root.token())).as("the parent stays consumed: a presentation is"
                + " still detected").isInstanceOf(AlreadyConsumedException.class);
    }

    @Test
    @Covers("findRetryResponse")
    void aUsedSuccessorEndsTheGrace() {
        RefreshToken root = consumedRoot();
        RefreshToken next = successor(root);
        grace().saveWithRetryResponse(next, root.token(), response(next), aMinute());
        assertThat(grace().findRetryResponse(root.token())).isPresent();
        grace().consume(next.token()).orElseThrow();
        assertThat(grace().findRetryResponse(root.token())).as("the client got the response: a replay").isEmpty();
    }

    @Test
    @Covers("findRetryResponse")
    void aRevokedChainEndsTheGraceWhicheverWayItWasRevoked() {
        List<Runnable> revocations = new ArrayList<>();
        List<RefreshToken> parents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RefreshToken root = consumedRoot();
            RefreshToken next = successor(root);
            grace().saveWithRetryResponse(next, root.token(), response(next), aMinute());
            assertThat(grace().findRetryResponse(root.token())).isPresent();
            parents.add(root);
            revocations.add(switch (i) {
                case 0 -> () -> grace().revokeChain(next.token());
                case 1 -> () -> grace().revokeByGrant(root.grantId());
                default -> () -> grace().revokeByClient(root.clientId());
            });
        }
        revocations.get(0).run();
        assertThat(grace().findRetryResponse(parents.get(0).token())).as("revokeChain from the successor").isEmpty();
        revocations.get(1).run();
        assertThat(grace().findRetryResponse(parents.get(1).token())).as("revokeByGrant").isEmpty();
        revocations.get(2).run();
        assertThat(grace().findRetryResponse(parents.get(2).token())).as("revokeByClient").isEmpty();
    }

    @Test
    @Covers("findRetryResponse")
    @Covers("saveWithRetryResponse")
    void theParentsExpiryCapsTheRetentionAndAnEarlierRetentionEndsItFirst() {
        RefreshToken root = consumedRoot(); // expires in one day
        RefreshToken next = successor(root); // in two days
        grace().saveWithRetryResponse(next, root.token(), response(next), root.expiresAt().plus(Duration.ofDays(1)));
        clock.set(root.expiresAt().minusSeconds(1));
        assertThat(grace().findRetryResponse(root.token())).as("before the parent's expiry").isPresent();
        clock.set(root.expiresAt());
        assertThat(grace().findRetryResponse(root.token())).as("at the parent's expiry").isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(grace().findRetryResponse(root.token())).as("after it, although retainUntil is later").isEmpty();

        RefreshToken other = consumedRoot();
        RefreshToken otherNext = successor(other);
        grace().saveWithRetryResponse(otherNext, other.token(), response(otherNext), clock.now().plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(grace().findRetryResponse(other.token())).as("within retainUntil").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(grace().findRetryResponse(other.token())).as("at retainUntil").isEmpty();
        assertThat(grace().find(otherNext.token())).as("the successor outlives the response").isPresent();
    }

    @Test
    @Covers("findRetryResponse")
    void unknownUnrotatedOrPlainlyRotatedTokensHaveNoResponse() {
        assertThat(grace().findRetryResponse(Samples.secret("rt"))).as("unknown").isEmpty();
        RefreshToken live = samples.refreshToken();
        grace().save(live, null);
        assertThat(grace().findRetryResponse(live.token())).as("never consumed").isEmpty();
        RefreshToken consumed = consumedRoot();
        assertThat(grace().findRetryResponse(consumed.token())).as("consumed, no successor").isEmpty();
        RefreshToken plain = consumedRoot();
        RefreshToken next = successor(plain);
        grace().save(next, plain.token());
        assertThat(grace().findRetryResponse(plain.token())).as("rotated by save, without a response").isEmpty();
        RefreshToken graced = consumedRoot();
        RefreshToken gracedNext = successor(graced);
        grace().saveWithRetryResponse(gracedNext, graced.token(), response(gracedNext), aMinute());
        assertThat(grace().findRetryResponse(gracedNext.token())).as("the successor is no parent").isEmpty();
        assertThat(grace().findRetryResponse(fixture.digest().digest(org.oidcstore.store.StoreKind.REFRESH_TOKENS,
                graced.token()))).as("the parent's digest presented as a token").isEmpty();
    }

    @Test
    @Covers("saveWithRetryResponse")
    void badInputIsRefusedAndWritesNothing() {
        RefreshToken root = consumedRoot();
        RefreshToken next = successor(root);
        byte[] ok = response(next);
        byte[] tooBig = new byte[RefreshRetryResponses.MAX_RESPONSE_BYTES + 1];
        List<Runnable> bad = List.of(
                () -> grace().saveWithRetryResponse(next, null, ok, aMinute()),
                () -> grace().saveWithRetryResponse(next, root.token(), null, aMinute()),
                () -> grace().saveWithRetryResponse(next, root.token(), new byte[0], aMinute()),
                () -> grace().saveWithRetryResponse(next, root.token(), tooBig, aMinute()),
                () -> grace().saveWithRetryResponse(next, root.token(), ok, null),
                () -> grace().saveWithRetryResponse(next.withConsumedAt(clock.now()), root.token(), ok, aMinute()));
        for (Runnable call : bad) {
            Evidence.assertWritesNothing(fixture, "a refused saveWithRetryResponse", () -> assertThatThrownBy(
                    call::run).isInstanceOfSatisfying(IllegalArgumentException.class,
                            e -> Evidence.assertNoLeak(e, root.token(), next.token())));
        }
        RefreshToken unconsumed = samples.refreshToken();
        grace().save(unconsumed, null);
        RefreshToken orphan = successor(unconsumed);
        Evidence.assertWritesNothing(fixture, "a successor of an unconsumed parent", () -> assertThatThrownBy(
                () -> grace().saveWithRetryResponse(orphan, unconsumed.token(), response(orphan), aMinute()))
                .isInstanceOf(IllegalArgumentException.class));
        byte[] largest = new byte[RefreshRetryResponses.MAX_RESPONSE_BYTES];
        largest[largest.length - 1] = 7;
        grace().saveWithRetryResponse(next, root.token(), largest, aMinute());
        assertThat(grace().findRetryResponse(root.token())).as("the largest response, after the refusals")
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(largest));
    }

    @Test
    @Covers("saveWithRetryResponse")
    void aFailingSaveWritesNoResponseAndKeepsTheFirst() {
        RefreshToken root = consumedRoot();
        RefreshToken first = successor(root);
        byte[] firstResponse = response(first);
        grace().saveWithRetryResponse(first, root.token(), firstResponse, aMinute());
        RefreshToken second = successor(root);
        Evidence.assertWritesNothing(fixture, "a second successor", () -> assertThatThrownBy(() -> grace()
                .saveWithRetryResponse(second, root.token(), response(second), aMinute()))
                .isInstanceOf(AlreadyConsumedException.class));
        assertThat(grace().findRetryResponse(root.token())).hasValueSatisfying(b -> assertThat(b).isEqualTo(firstResponse));
        assertThat(grace().find(second.token())).isEmpty();

        RefreshToken revoked = consumedRoot();
        grace().revokeChain(revoked.token());
        RefreshToken refused = successor(revoked);
        Evidence.assertWritesNothing(fixture, "a successor of a revoked parent", () -> assertThatThrownBy(() -> grace()
                .saveWithRetryResponse(refused, revoked.token(), response(refused), aMinute()))
                .isInstanceOf(AlreadyConsumedException.class));
    }

    @Test
    @Covers(value = "saveWithRetryResponse", race = true)
    void concurrentSavesForOneParentStoreExactlyOneSuccessorAndItsResponse() {
        List<RefreshToken> candidates = new ArrayList<>();
        List<byte[]> responses = new ArrayList<>();
        RefreshToken[] parent = new RefreshToken[1];
        Race.<Integer>rounds(round -> {
            parent[0] = consumedRoot();
            candidates.clear();
            responses.clear();
            for (int i = 0; i < Race.THREADS; i++) {
                candidates.add(successor(parent[0]));
                responses.add(response(candidates.get(i)));
            }
            RefreshRetryResponses grace = grace();
            return i -> () -> {
                grace.saveWithRetryResponse(candidates.get(i), parent[0].token(), responses.get(i), aMinute());
                return i;
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            int winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
            assertThat(grace().findRetryResponse(parent[0].token())).as("round %d: the winner's response", round)
                    .hasValueSatisfying(b -> assertThat(b).isEqualTo(responses.get(winner)));
            for (int i = 0; i < candidates.size(); i++) {
                assertThat(grace().find(candidates.get(i).token())).as("round %d: only the winner's successor", round)
                        .isEqualTo(i == winner ? Optional.of(candidates.get(i)) : Optional.empty());
            }
        });
    }
}
