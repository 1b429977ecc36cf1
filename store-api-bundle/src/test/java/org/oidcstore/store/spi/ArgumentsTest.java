package org.oidcstore.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Limits;

class ArgumentsTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void lookupsCanTellAnIdentifierThatCouldNeverHaveBeenStored() {
        assertThat(Arguments.isStorableId("jti-1")).isTrue();
        assertThat(Arguments.isStorableId("jti\uDC00")).isFalse();
        assertThat(Arguments.isStorableId("a\u0000b")).isFalse();
        assertThat(Arguments.isStorableId(" ")).isFalse();
        assertThat(Arguments.isStorableId(null)).isFalse();
        assertThat(Arguments.isStorableId("x".repeat(Limits.MAX_ID_LENGTH + 1))).isFalse();
    }

    @Test
    void messagesNameTheArgumentNeverItsValue() {
        assertThatThrownBy(() -> Arguments.id("SECRET\r\nFORGED: line", "jti"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jti ")
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Arguments.id(null, "jti")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void operationInstantsAreCheckedForRangeAndDirection() {
        assertThat(Arguments.futureInstant(NOW.plusNanos(1500), "expiresAt", NOW)).isEqualTo(NOW.plusNanos(1000));
        assertThatThrownBy(() -> Arguments.futureInstant(NOW, "expiresAt", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arguments.futureInstant(Instant.MAX, "expiresAt", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Arguments.pastCutoff(NOW, NOW)).isEqualTo(NOW);
        assertThatThrownBy(() -> Arguments.pastCutoff(NOW.plusSeconds(1), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cutoff");
    }

    @Test
    void pageSizesAreBounded() {
        assertThat(Arguments.pageSize(1)).isEqualTo(1);
        assertThat(Arguments.pageSize(Limits.MAX_PAGE_SIZE)).isEqualTo(Limits.MAX_PAGE_SIZE);
        assertThatThrownBy(() -> Arguments.pageSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arguments.pageSize(Limits.MAX_PAGE_SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCursorRoundTripsAndRefusesWhatItDidNotProduce() {
        KeysetCursor c = new KeysetCursor(Instant.parse("2030-01-01T00:00:00.123456Z"), "sid.with.dots");
        assertThat(c.format()).isEqualTo("1893456000123456.sid.with.dots");
        assertThat(KeysetCursor.parse(c.format())).isEqualTo(c);
        assertThat(KeysetCursor.parse(null)).isNull();
        assertThat(c.toString()).doesNotContain("sid");
        for (String bad : new String[] {"", "x.y", ".id", "123.", "12345678901234567890123.id", "1.a\u0000b",
                "-1.id"}) {
            assertThatThrownBy(() -> KeysetCursor.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void retryResponseArgumentsAreAllRequiredAndBounded() {
        assertThat(Arguments.MAX_RETRY_RESPONSE_BYTES).isEqualTo(org.oidcstore.store.RefreshRetryResponses.MAX_RESPONSE_BYTES);
        byte[] ok = {1};
        Instant until = Instant.parse("2030-01-01T00:01:00.123456789Z");
        assertThat(Arguments.retryResponse("rt-1", ok, until)).isEqualTo(Instant.parse("2030-01-01T00:01:00.123456Z"));
        assertThat(Arguments.retryResponse("rt-1", new byte[org.oidcstore.store.RefreshRetryResponses.MAX_RESPONSE_BYTES],
                until)).isNotNull();
        for (Runnable bad : java.util.List.<Runnable>of(() -> Arguments.retryResponse(null, ok, until),
                () -> Arguments.retryResponse(" ", ok, until), () -> Arguments.retryResponse("rt-1", null, until),
                () -> Arguments.retryResponse("rt-1", new byte[0], until),
                () -> Arguments.retryResponse("rt-1", new byte[org.oidcstore.store.RefreshRetryResponses.MAX_RESPONSE_BYTES
                        + 1], until),
                () -> Arguments.retryResponse("rt-1", ok, null),
                () -> Arguments.retryResponse("rt-1", ok, Instant.parse("+100000-01-01T00:00:00Z")))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("rt-1");
        }
    }
}
