package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.ConflictException;

/**
 * The check of a round where revokes ({@code boolean}) race consumes ({@code Optional}) of one
 * approved request: exactly one of all of them wins (a revoke answering {@code true} or a consume
 * answering the record). When a consume won, the other consumes are replays and every revoke
 * answers {@code false}; when a revoke won, every consume conflicts (the request is denied) and
 * the other revokes answer {@code false}. The stored state is the winner's.
 */
final class RevokeRace {
    private RevokeRace() {
    }

    static void assertOneWinner(int round, List<Race.Outcome<Object>> outcomes, ApprovalState end) {
        List<Object> wins = outcomes.stream().filter(Race.Outcome::succeeded).map(Race.Outcome::value)
                .filter(v -> Boolean.TRUE.equals(v) || v instanceof Optional<?> o && o.isPresent()).toList();
        assertThat(wins).as("round %d: winners among revokes and consumes", round).hasSize(1);
        boolean consumeWon = wins.get(0) instanceof Optional<?>;
        Class<?> loser = consumeWon ? AlreadyConsumedException.class : ConflictException.class;
        assertThat(outcomes).as("round %d: consumes losing to a %s get %s", round, consumeWon ? "consume" : "revoke",
                loser.getSimpleName()).filteredOn(o -> !o.succeeded()).allMatch(o -> loser.isInstance(o.error()));
        assertThat(outcomes).as("round %d: no consume answers empty, no revoke fails", round)
                .filteredOn(Race.Outcome::succeeded).allMatch(o -> o.value() instanceof Boolean
                        || o.value() instanceof Optional<?> p && p.isPresent());
        assertThat(end).as("round %d: the stored state is the winner's", round)
                .isEqualTo(consumeWon ? ApprovalState.CONSUMED : ApprovalState.DENIED);
    }
}
