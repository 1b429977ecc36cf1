package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.PollResult;

/**
 * Contract of {@link DeviceAuthorizationStore}'s counters and clock: polls ({@code slow_down} and
 * the growing interval, decided and recorded in one step), strikes, poll violations, and the
 * expiry instant of every operation. Races count every concurrent increment.
 */
@ContractFor(DeviceAuthorizationStore.class)
public abstract class DeviceAuthorizationPollingContract extends StoreContract {

    private static final Duration STEP = PollResult.SLOW_DOWN_STEP;

    private DeviceAuthorizationStore das() {
        return store.deviceAuthorizations();
    }

    private DeviceAuthorization saved() {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        das().save(d);
        return d;
    }

    private DeviceAuthorization stored(DeviceAuthorization d) {
        return das().find(d.deviceCode()).orElseThrow();
    }

    @Test
    @Covers("poll")
    void theFirstPollIsOnTimeAndIsRecorded() {
        DeviceAuthorization d = saved();
        clock.advance(Duration.ofMillis(1));
        assertThat(das().poll(d.deviceCode())).contains(new PollResult(ApprovalState.PENDING, false, d.interval()));
        assertThat(stored(d)).isEqualTo(d.withPoll(clock.now(), d.interval()).asFoundByDeviceCode(d.deviceCode()));
    }

    @Test
    @Covers("poll")
    void aPollBeforeTheIntervalIsSlowDownGrowingTheIntervalAndEveryPollIsRecorded() {
        DeviceAuthorization d = saved();
        Duration five = d.interval();
        das().poll(d.deviceCode()).orElseThrow();
        clock.advance(five.minusMillis(1));
        assertThat(das().poll(d.deviceCode())).contains(new PollResult(ApprovalState.PENDING, true, five.plus(STEP)));
        assertThat(stored(d).interval()).isEqualTo(five.plus(STEP));
        assertThat(stored(d).lastPolledAt()).as("an early poll is recorded too").isEqualTo(clock.now());
        clock.advance(five.plus(STEP).minusMillis(1));
        assertThat(das().poll(d.deviceCode())).as("early by the grown interval, counted from the early poll")
                .contains(new PollResult(ApprovalState.PENDING, true, five.plus(STEP.multipliedBy(2))));
        Duration fifteen = five.plus(STEP.multipliedBy(2));
        clock.advance(fifteen);
        assertThat(das().poll(d.deviceCode())).as("exactly the interval later is on time")
                .contains(new PollResult(ApprovalState.PENDING, false, fifteen));
        clock.advance(Duration.ofMinutes(3));
        assertThat(das().poll(d.deviceCode())).as("the interval only grows")
                .contains(new PollResult(ApprovalState.PENDING, false, fifteen));
        assertThat(stored(d)).isEqualTo(d.withPoll(clock.now(), fifteen).asFoundByDeviceCode(d.deviceCode()));
    }

    @Test
    @Covers("poll")
    void theIntervalStopsGrowingAtTheLongestARequestHolds() {
        DeviceAuthorization near = samples.deviceAuthorization("client-a");
        DeviceAuthorization d = DeviceAuthorization.pending(near.deviceCode(), near.userCode(), "client-a", near.scopes(),
                near.parameters(), near.createdAt(), near.expiresAt(), PollResult.MAX_INTERVAL.minusSeconds(2));
        das().save(d);
        das().poll(d.deviceCode()).orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        assertThat(das().poll(d.deviceCode())).contains(new PollResult(ApprovalState.PENDING, true, PollResult.MAX_INTERVAL));
        clock.advance(Duration.ofSeconds(1));
        assertThat(das().poll(d.deviceCode())).as("still too early: slow_down, at the longest interval")
                .contains(new PollResult(ApprovalState.PENDING, true, PollResult.MAX_INTERVAL));
        assertThat(stored(d)).isEqualTo(d.withPoll(clock.now(), PollResult.MAX_INTERVAL).asFoundByDeviceCode(d.deviceCode()));
    }

    @ParameterizedTest
    @EnumSource(ApprovalState.class)
    @Covers("poll")
    void aPollReportsTheStoredStateAndChangesNothingButThePoll(ApprovalState state) {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        DeviceAuthorizationStoreContract.bringTo(das(), samples, d, state);
        DeviceAuthorization before = stored(d);
        clock.advance(Duration.ofSeconds(1));
        assertThat(das().poll(d.deviceCode())).contains(new PollResult(state, false, d.interval()));
        assertThat(stored(d)).isEqualTo(before.withPoll(clock.now(), d.interval()));
        if (state == ApprovalState.APPROVED) {
            assertThat(das().consume(d.deviceCode())).as("polling never redeems").isPresent();
        }
    }

    @Test
    @Covers("poll")
    @Covers("strike")
    @Covers("recordPollViolation")
    void anAbsentRequestOrAPresentedDigestHasNothingToPollOrCount() {
        DeviceAuthorization d = saved();
        String dcDigest = fixture.digest().digest(DeviceAuthorizationStoreContract.KIND, d.deviceCode());
        String ucDigest = fixture.digest().digest(DeviceAuthorizationStoreContract.KIND,
                DeviceAuthorization.userCodeDigestInput(d.userCode()));
        Evidence.assertWritesNothing(fixture, "polls and counts of absent requests", () -> {
            assertThat(das().poll(Samples.secret("dc"))).isEmpty();
            assertThat(das().poll(dcDigest)).isEmpty();
            assertThat(das().poll(d.userCode())).as("a user code is no device code").isEmpty();
            assertThat(das().recordPollViolation(Samples.secret("dc"))).isEmpty();
            assertThat(das().recordPollViolation(dcDigest)).isEmpty();
            assertThat(das().strike(Samples.userCode())).isEmpty();
            assertThat(das().strike(ucDigest)).isEmpty();
            assertThat(das().strike(d.deviceCode())).as("a device code is no user code").isEmpty();
        });
        assertThat(stored(d)).isEqualTo(d.asFoundByDeviceCode(d.deviceCode()));
    }

    @Test
    @Covers("strike")
    void strikesCountAgainstTheUserCodeInAnyForm() {
        DeviceAuthorization d = saved();
        assertThat(das().strike(d.userCode())).isEqualTo(OptionalInt.of(1));
        assertThat(das().strike(d.userCode().toLowerCase().replace("-", ""))).isEqualTo(OptionalInt.of(2));
        assertThat(stored(d)).isEqualTo(d.withCounters(2, 0).asFoundByDeviceCode(d.deviceCode()));
        assertThat(das().findByUserCode(d.userCode()).orElseThrow().strikes()).isEqualTo(2);
    }

    @Test
    @Covers("recordPollViolation")
    void pollViolationsCountAgainstTheDeviceCode() {
        DeviceAuthorization d = saved();
        assertThat(das().recordPollViolation(d.deviceCode())).isEqualTo(OptionalInt.of(1));
        assertThat(das().recordPollViolation(d.deviceCode())).isEqualTo(OptionalInt.of(2));
        assertThat(das().strike(d.userCode())).as("the other counter").isEqualTo(OptionalInt.of(1));
        assertThat(stored(d)).isEqualTo(d.withCounters(1, 2).asFoundByDeviceCode(d.deviceCode()));
    }

    /** One operation, named as in the API, and whether it needs an approved request. */
    private record Op(String name, boolean approvedFirst) {
    }

    private static final java.util.List<Op> OPS = java.util.List.of(
            new Op("find", false),
            new Op("findByUserCode", false),
            new Op("approve", false),
            new Op("approveByUserCode", false),
            new Op("deny", false),
            new Op("denyByUserCode", false),
            new Op("poll", false),
            new Op("strike", false),
            new Op("recordPollViolation", false),
            new Op("consume", true),
            new Op("revoke", false));

    private boolean answersPresent(String op, DeviceAuthorization d) {
        String dc = d.deviceCode();
        String uc = d.userCode();
        return switch (op) {
            case "find" -> das().find(dc).isPresent();
            case "findByUserCode" -> das().findByUserCode(uc).isPresent();
            case "approve" -> das().approve(dc, samples.approval("sub-alice")).isPresent();
            case "approveByUserCode" -> das().approveByUserCode(uc, samples.approval("sub-alice")).isPresent();
            case "deny" -> das().deny(dc).isPresent();
            case "denyByUserCode" -> das().denyByUserCode(uc).isPresent();
            case "poll" -> das().poll(dc).isPresent();
            case "strike" -> das().strike(uc).isPresent();
            case "recordPollViolation" -> das().recordPollViolation(dc).isPresent();
            case "consume" -> das().consume(dc).isPresent();
            case "revoke" -> das().revoke(dc);
            default -> throw new IllegalArgumentException(op);
        };
    }

    @Test
    @Covers("find")
    @Covers("findByUserCode")
    @Covers("approve")
    @Covers("approveByUserCode")
    @Covers("deny")
    @Covers("denyByUserCode")
    @Covers("poll")
    @Covers("strike")
    @Covers("recordPollViolation")
    @Covers("consume")
    @Covers("revoke")
    void everyOperationFindsTheRequestUntilItsExpiryInstantAndNothingFromIt() {
        Map<String, DeviceAuthorization> before = new LinkedHashMap<>();
        Map<String, DeviceAuthorization> at = new LinkedHashMap<>();
        for (Op op : OPS) {
            for (Map<String, DeviceAuthorization> set : java.util.List.of(before, at)) {
                DeviceAuthorization d = samples.deviceAuthorization("client-a");
                DeviceAuthorizationStoreContract.bringTo(das(), samples, d,
                        op.approvedFirst() ? ApprovalState.APPROVED : ApprovalState.PENDING);
                set.put(op.name(), d);
            }
        }
        Instant expiry = before.values().iterator().next().expiresAt();
        clock.set(expiry.minusMillis(1));
        Map<String, Runnable> live = new LinkedHashMap<>();
        OPS.forEach(op -> live.put(op.name() + " 1 ms before expiry",
                () -> assertThat(answersPresent(op.name(), before.get(op.name()))).isTrue()));
        Evidence.aboutEach(live);
        clock.set(expiry);
        Map<String, Runnable> expired = new LinkedHashMap<>();
        OPS.forEach(op -> expired.put(op.name() + " at the expiry instant", () -> {
            DeviceAuthorization d = at.get(op.name());
            assertThat(answersPresent(op.name(), d)).isFalse();
            assertThat(das().find(d.deviceCode())).isEmpty();
            assertThat(das().findByUserCode(d.userCode())).isEmpty();
        }));
        Evidence.aboutEach(expired);
    }

    @Test
    @Covers(value = "poll", race = true)
    void concurrentPollsAreEachDecidedAndRecordedAtomically() {
        DeviceAuthorization[] current = new DeviceAuthorization[1];
        Race.<Optional<PollResult>>rounds(round -> {
            DeviceAuthorization d = saved();
            current[0] = d;
            return i -> () -> das().poll(d.deviceCode());
        }, (round, outcomes) -> {
            Duration last = PollRace.assertAtomic(round, outcomes, Samples.POLL_INTERVAL);
            DeviceAuthorization d = stored(current[0]);
            assertThat(d.interval()).as("round %d: stored interval", round).isEqualTo(last);
            assertThat(d.lastPolledAt()).as("round %d", round).isEqualTo(clock.now());
        });
    }

    @Test
    @Covers(value = "strike", race = true)
    void concurrentStrikesAreEachCounted() {
        DeviceAuthorization[] current = new DeviceAuthorization[1];
        Race.<Integer>rounds(round -> {
            DeviceAuthorization d = saved();
            current[0] = d;
            return i -> () -> das().strike(i % 2 == 0 ? d.userCode() : d.userCode().toLowerCase()).orElseThrow();
        }, (round, outcomes) -> {
            PollRace.assertEveryIncrementCounted(round, outcomes);
            assertThat(stored(current[0]).strikes()).as("round %d", round).isEqualTo(Race.THREADS);
            assertThat(stored(current[0]).pollViolations()).as("round %d", round).isZero();
        });
    }

    @Test
    @Covers(value = "recordPollViolation", race = true)
    void concurrentPollViolationsAreEachCounted() {
        DeviceAuthorization[] current = new DeviceAuthorization[1];
        Race.<Integer>rounds(round -> {
            DeviceAuthorization d = saved();
            current[0] = d;
            return i -> () -> das().recordPollViolation(d.deviceCode()).orElseThrow();
        }, (round, outcomes) -> {
            PollRace.assertEveryIncrementCounted(round, outcomes);
            assertThat(stored(current[0]).pollViolations()).as("round %d", round).isEqualTo(Race.THREADS);
            assertThat(stored(current[0]).strikes()).as("round %d", round).isZero();
        });
    }
}
