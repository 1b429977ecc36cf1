package org.oidcstore.store.memory.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.PollResult;

/**
 * The state machine the two kinds a user approves on another channel share (device authorizations,
 * backchannel authentication requests): the decision, poll, consume and revoke, as steps. A step
 * runs inside the record key's atomic section of the store that applies it ({@code compute}), and
 * returns the next record (the same one: no change) or throws (nothing changes). Parameterised by
 * the kind's record accessors and withers and the words of its messages.
 *
 * @param <T> the kind's record
 */
final class ApprovalTransitions<T> {
    /** A wither of two arguments ({@code withState}, {@code withPoll}). */
    interface With<T, A, B> {
        T apply(T record, A a, B b);
    }

    private final String noun;
    private final String idNoun;
    private final Function<T, ApprovalState> state;
    private final Function<T, Approval> approval;
    private final Function<T, Instant> lastPolledAt;
    private final Function<T, Duration> interval;
    private final With<T, ApprovalState, Approval> withState;
    private final With<T, Instant, Duration> withPoll;

    /**
     * @param noun the kind in messages ("device authorization")
     * @param idNoun the id in messages ("device code")
     */
    ApprovalTransitions(String noun, String idNoun, Function<T, ApprovalState> state, Function<T, Approval> approval,
            Function<T, Instant> lastPolledAt, Function<T, Duration> interval,
            With<T, ApprovalState, Approval> withState, With<T, Instant, Duration> withPoll) {
        this.noun = noun;
        this.idNoun = idNoun;
        this.state = state;
        this.approval = approval;
        this.lastPolledAt = lastPolledAt;
        this.interval = interval;
        this.withState = withState;
        this.withPoll = withPoll;
    }

    /** One atomic section on one key; it sets {@code found[0]} when the key holds the record looked up. */
    interface Section<T> {
        Optional<T> apply(String key, boolean[] found);
    }

    /**
     * Runs {@code section} on the key of the newest digest, then on the older ones (a record saved
     * before a pepper rotation) until one finds the record: its answer, or empty when none does.
     */
    static <T> Optional<T> firstFound(List<String> keys, Section<T> section) {
        for (String key : keys) {
            boolean[] found = new boolean[1];
            Optional<T> out = section.apply(key, found);
            if (found[0]) {
                return out;
            }
        }
        return Optional.empty();
    }

    /** Whether one of the older digests' keys ({@code keys} after the first) holds a live entry. */
    static boolean liveUnderOlderKey(ExpiringMap<?> map, List<String> keys, Instant now) {
        for (int i = 1; i < keys.size(); i++) {
            ExpiringMap.Entry<?> e = map.getAny(keys.get(i));
            if (e != null && e.liveAt(now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The user's decision on a pending request: approved with {@code approval}, or denied when it is
     * null. {@code subject}, when given, is the user the request names, the only one who may approve it.
     */
    T decide(T r, Approval approval, String subject) {
        if (state.apply(r) != ApprovalState.PENDING) {
            throw new ConflictException("the " + noun + " is " + state.apply(r) + ", not pending");
        }
        if (approval == null) {
            return withState.apply(r, ApprovalState.DENIED, null);
        }
        if (subject != null && !subject.equals(approval.subject())) {
            throw new ConflictException("only the user the " + noun + " names may approve it");
        }
        return withState.apply(r, ApprovalState.APPROVED, approval);
    }

    /** A poll at {@code now}, through {@code run} (which applies the step to the live record, if any). */
    Optional<PollResult> poll(Instant now, Consumer<UnaryOperator<T>> run) {
        PollResult[] answer = new PollResult[1];
        run.accept(r -> {
            Instant last = lastPolledAt.apply(r);
            boolean slow = last != null && now.isBefore(last.plus(interval.apply(r)));
            Duration next = slow ? PollResult.grown(interval.apply(r)) : interval.apply(r);
            answer[0] = new PollResult(state.apply(r), slow, next);
            return withPoll.apply(r, now, next);
        });
        return Optional.ofNullable(answer[0]);
    }

    /** The consume step; a replay throws with {@code replayShows} of the record (as handed back). */
    UnaryOperator<T> consume(UnaryOperator<T> replayShows) {
        return r -> switch (state.apply(r)) {
            case APPROVED -> withState.apply(r, ApprovalState.CONSUMED, approval.apply(r));
            case CONSUMED -> throw new AlreadyConsumedException("this " + idNoun + " was already redeemed (a replay)",
                    replayShows.apply(r));
            default -> throw new ConflictException("the " + noun + " is " + state.apply(r) + ", not approved");
        };
    }

    /** A revocation through {@code run}: whether it denied a pending or approved request. */
    boolean revoke(Consumer<UnaryOperator<T>> run) {
        boolean[] revoked = new boolean[1];
        run.accept(r -> {
            if (state.apply(r) != ApprovalState.PENDING && state.apply(r) != ApprovalState.APPROVED) {
                return r; // denied or consumed: left as it is
            }
            revoked[0] = true;
            return withState.apply(r, ApprovalState.DENIED, approval.apply(r));
        });
        return revoked[0];
    }
}
