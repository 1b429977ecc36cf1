package org.oidcstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A {@code slow_down} grows the interval by five seconds, never past the longest a record holds. */
class PollResultTest {

    @Test
    void aSlowDownAddsFiveSecondsUpToOneDay() {
        assertThat(PollResult.grown(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(10));
        assertThat(PollResult.grown(Duration.ofSeconds(86_395))).isEqualTo(Duration.ofSeconds(86_400));
        assertThat(PollResult.grown(Duration.ofSeconds(86_398))).isEqualTo(Duration.ofSeconds(86_400));
        assertThat(PollResult.grown(Duration.ofSeconds(86_400))).isEqualTo(Duration.ofSeconds(86_400));
    }

    @Test
    void theLongestIntervalIsTheBoundTheRecordsAccept() {
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        DeviceAuthorization d = DeviceAuthorization.pending("dc", "ABCD", "c", Set.of(), Map.of(), t, t.plusSeconds(60),
                PollResult.MAX_INTERVAL);
        assertThat(d.withPoll(t, PollResult.grown(d.interval())).interval()).isEqualTo(PollResult.MAX_INTERVAL);
        assertThatThrownBy(() -> d.withPoll(t, PollResult.MAX_INTERVAL.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CibaRequest.pending("r", "c", "s", Set.of(), List.of(), null, CibaMode.POLL, null, t,
                t.plusSeconds(60), PollResult.MAX_INTERVAL.plusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
