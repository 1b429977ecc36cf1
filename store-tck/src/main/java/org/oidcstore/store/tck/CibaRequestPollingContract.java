package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.PollResult;

/**
 * Contract of {@link CibaRequestStore}'s clock: polls ({@code slow_down} and the growing interval,
 * decided and recorded in one step) and the expiry instant of every operation. Concurrent polls
 * are in {@link CibaRequestRaceContract}.
 */
@ContractFor(CibaRequestStore.class)
public abstract class CibaRequestPollingContract extends StoreContract {

    private static final Duration STEP = PollResult.SLOW_DOWN_STEP;

    private CibaRequestStore cibas() {
        return store.cibaRequests();
    }

    private CibaRequest saved(CibaMode mode) {
        CibaRequest r = samples.cibaRequest(mode);
        cibas().save(r);
        return r;
    }

    private Approval approvalOf(CibaRequest r) {
        return samples.approval(r.subject());
    }

    private Approval bringTo(CibaRequest r, ApprovalState state) {
        return CibaRequestStoreContract.bringTo(cibas(), samples, r, state);
    }

    @Test
    @Covers("poll")
    void aPollBeforeTheIntervalIsSlowDownGrowingTheIntervalAndEveryPollIsRecorded() {
        CibaRequest r = saved(CibaMode.POLL);
        Duration five = r.interval();
        assertThat(cibas().poll(r.authReqId())).contains(new PollResult(ApprovalState.PENDING, false, five));
        assertThat(cibas().find(r.authReqId())).contains(r.withPoll(clock.now(), five));
        clock.advance(five.minusMillis(1));
        assertThat(cibas().poll(r.authReqId())).contains(new PollResult(ApprovalState.PENDING, true, five.plus(STEP)));
        assertThat(cibas().find(r.authReqId())).contains(r.withPoll(clock.now(), five.plus(STEP)));
        clock.advance(five.plus(STEP));
        cibas().approve(r.authReqId(), approvalOf(r)).orElseThrow();
        assertThat(cibas().poll(r.authReqId())).as("exactly the interval later is on time; the state as stored")
                .contains(new PollResult(ApprovalState.APPROVED, false, five.plus(STEP)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(cibas().poll(r.authReqId())).as("the interval only grows")
                .contains(new PollResult(ApprovalState.APPROVED, false, five.plus(STEP)));
        assertThat(cibas().consume(r.authReqId())).as("polling never redeems").isPresent();
        assertThat(cibas().poll(Samples.secret("arid"))).as("absent").isEmpty();
    }

    @Test
    @Covers("find")
    @Covers("approve")
    @Covers("deny")
    @Covers("poll")
    @Covers("consume")
    @Covers("revoke")
    void everyOperationFindsTheRequestUntilItsExpiryInstantAndNothingFromIt() {
        Map<String, Predicate<CibaRequest>> ops = new LinkedHashMap<>();
        ops.put("find", r -> cibas().find(r.authReqId()).isPresent());
        ops.put("approve", r -> cibas().approve(r.authReqId(), approvalOf(r)).isPresent());
        ops.put("deny", r -> cibas().deny(r.authReqId()).isPresent());
        ops.put("poll", r -> cibas().poll(r.authReqId()).isPresent());
        ops.put("consume", r -> cibas().consume(r.authReqId()).isPresent());
        ops.put("revoke", r -> cibas().revoke(r.authReqId()));
        Map<String, CibaRequest> before = new LinkedHashMap<>();
        Map<String, CibaRequest> at = new LinkedHashMap<>();
        for (String op : ops.keySet()) {
            for (Map<String, CibaRequest> set : List.of(before, at)) {
                CibaRequest r = samples.cibaRequest(CibaMode.PING);
                bringTo(r, op.equals("consume") ? ApprovalState.APPROVED : ApprovalState.PENDING);
                set.put(op, r);
            }
        }
        Instant expiry = before.get("find").expiresAt();
        clock.set(expiry.minusMillis(1));
        Map<String, Runnable> live = new LinkedHashMap<>();
        ops.forEach((op, call) -> live.put(op + " 1 ms before expiry", () -> assertThat(call.test(before.get(op))).isTrue()));
        Evidence.aboutEach(live);
        clock.set(expiry);
        Map<String, Runnable> expired = new LinkedHashMap<>();
        ops.forEach((op, call) -> expired.put(op + " at the expiry instant", () -> {
            assertThat(call.test(at.get(op))).isFalse();
            assertThat(cibas().find(at.get(op).authReqId())).isEmpty();
        }));
        Evidence.aboutEach(expired);
    }
}
