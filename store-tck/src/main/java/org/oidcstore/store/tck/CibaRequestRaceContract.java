package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.PollResult;

/**
 * The races of {@link CibaRequestStore}: consume, a revoke against consumes, approvals against
 * denials, and polls (each decided and recorded in one step). Each round races
 * {@link Race#THREADS} threads on fresh state.
 */
@ContractFor(CibaRequestStore.class)
public abstract class CibaRequestRaceContract extends StoreContract {

    private CibaRequestStore cibas() {
        return store.cibaRequests();
    }

    private CibaRequest saved(CibaMode mode) {
        CibaRequest r = samples.cibaRequest(mode);
        cibas().save(r);
        return r;
    }

    private void bringTo(CibaRequest r, ApprovalState state) {
        CibaRequestStoreContract.bringTo(cibas(), samples, r, state);
    }

    @Test
    @Covers(value = "consume", race = true)
    void concurrentConsumesHaveExactlyOneWinner() {
        Race.<Optional<CibaRequest>>rounds(round -> {
            CibaRequest r = samples.cibaRequest(CibaMode.PING);
            bringTo(r, ApprovalState.APPROVED);
            return i -> () -> cibas().consume(r.authReqId());
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            assertThat(outcomes).filteredOn(Race.Outcome::succeeded).allMatch(o -> o.value().isPresent());
        });
    }

    @Test
    @Covers(value = "revoke", race = true)
    @Covers(value = "consume", race = true)
    void aRevokeRacingConsumesHasExactlyOneWinnerBetweenThem() {
        CibaRequest[] current = new CibaRequest[1];
        Race.<Object>rounds(round -> {
            CibaRequest r = samples.cibaRequest(CibaMode.POLL);
            bringTo(r, ApprovalState.APPROVED);
            current[0] = r;
            return i -> i % 2 == 0 ? () -> cibas().revoke(r.authReqId()) : () -> cibas().consume(r.authReqId());
        }, (round, outcomes) -> RevokeRace.assertOneWinner(round, outcomes,
                cibas().find(current[0].authReqId()).orElseThrow().state()));
    }

    @Test
    @Covers(value = "approve", race = true)
    @Covers(value = "deny", race = true)
    void concurrentApprovalsAndDenialsHaveExactlyOneWinner() {
        CibaRequest[] current = new CibaRequest[1];
        Race.<Integer>rounds(round -> {
            CibaRequest r = saved(CibaMode.PING);
            current[0] = r;
            return i -> () -> {
                Optional<CibaRequest> x = i % 2 == 0 ? cibas().approve(r.authReqId(),
                        new Approval(r.subject(), "urn:acr:" + i, List.of(), clock.now())) : cibas().deny(r.authReqId());
                x.orElseThrow(() -> new AssertionError("a live pending request answered empty"));
                return i;
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, ConflictException.class);
            int winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
            CibaRequest now = cibas().find(current[0].authReqId()).orElseThrow();
            assertThat(now.state()).as("round %d", round)
                    .isEqualTo(winner % 2 == 0 ? ApprovalState.APPROVED : ApprovalState.DENIED);
            if (winner % 2 == 0) {
                assertThat(now.approval().acr()).as("round %d: the winner's approval", round).isEqualTo("urn:acr:" + winner);
            }
        });
    }

    @Test
    @Covers(value = "poll", race = true)
    void concurrentPollsAreEachDecidedAndRecordedAtomically() {
        CibaRequest[] current = new CibaRequest[1];
        Race.<Optional<PollResult>>rounds(round -> {
            CibaRequest r = saved(CibaMode.POLL);
            current[0] = r;
            return i -> () -> cibas().poll(r.authReqId());
        }, (round, outcomes) -> {
            Duration last = PollRace.assertAtomic(round, outcomes, Samples.POLL_INTERVAL);
            assertThat(cibas().find(current[0].authReqId())).as("round %d", round)
                    .contains(current[0].withPoll(clock.now(), last));
        });
    }
}
