package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oidcstore.store.PollResult;

/**
 * The check of a round of {@link Race#THREADS} polls of one fresh request at one clock instant:
 * each poll is one atomic step, so the first is on time and every later one comes before the
 * interval and answers {@code slow_down} with an interval exactly {@link PollResult#SLOW_DOWN_STEP}
 * longer than the one before (a lost update would repeat an interval). The check of the counters
 * ({@link #assertEveryIncrementCounted}) is the same idea for strikes and violations.
 */
final class PollRace {
    private PollRace() {
    }

    /** @return the interval the last poll left stored */
    static Duration assertAtomic(int round, List<Race.Outcome<Optional<PollResult>>> outcomes, Duration initial) {
        assertThat(outcomes).as("round %d: every poll of a live request answers", round)
                .allMatch(o -> o.succeeded() && o.value().isPresent());
        List<PollResult> results = outcomes.stream().map(o -> o.value().orElseThrow()).toList();
        List<PollResult> onTime = results.stream().filter(r -> !r.slowDown()).toList();
        assertThat(onTime).as("round %d: on-time polls (the first)", round).hasSize(1);
        assertThat(onTime.get(0).interval()).as("round %d: the first poll's interval", round).isEqualTo(initial);
        List<Duration> expected = new ArrayList<>();
        for (int k = 1; k < outcomes.size(); k++) {
            expected.add(initial.plus(PollResult.SLOW_DOWN_STEP.multipliedBy(k)));
        }
        assertThat(results.stream().filter(PollResult::slowDown).map(PollResult::interval).toList())
                .as("round %d: each slow_down grew the interval by 5 s over the one before", round)
                .containsExactlyInAnyOrderElementsOf(expected);
        return expected.get(expected.size() - 1);
    }

    /** N concurrent increments answered 1..N, each once. */
    static void assertEveryIncrementCounted(int round, List<Race.Outcome<Integer>> outcomes) {
        List<Integer> expected = new ArrayList<>();
        for (int k = 1; k <= outcomes.size(); k++) {
            expected.add(k);
        }
        assertThat(outcomes).as("round %d: every increment of a live request answers", round)
                .allMatch(Race.Outcome::succeeded);
        assertThat(outcomes.stream().map(Race.Outcome::value).toList())
                .as("round %d: the counts answered", round).containsExactlyInAnyOrderElementsOf(expected);
    }
}
