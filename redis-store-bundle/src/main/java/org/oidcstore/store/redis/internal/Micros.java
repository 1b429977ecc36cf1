package org.oidcstore.store.redis.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Instants as epoch microseconds: the API keeps instants at microsecond precision, and a
 * microsecond count below 2^53 is exact in a Lua number, so scripts compare expiries exactly.
 */
final class Micros {
    private Micros() {
    }

    static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Decimal ASCII, as scripts and hash fields hold it. */
    static byte[] bytes(Instant t) {
        return Long.toString(of(t)).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(long micros) {
        return Long.toString(micros).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a stored time: an optional {@code -} and 1 to 18 ASCII digits, as the tier writes them.
     *
     * @throws DamagedRecordException for anything else (absent, empty, not a number), never quoting it
     */
    static Instant parse(byte[] decimal) {
        if (decimal == null) {
            throw new DamagedRecordException("a time field is missing");
        }
        int i = decimal.length > 0 && decimal[0] == '-' ? 1 : 0;
        if (decimal.length - i < 1 || decimal.length - i > 18) {
            throw new DamagedRecordException("a time field is not a number");
        }
        long v = 0;
        for (int k = i; k < decimal.length; k++) {
            int d = decimal[k] - '0';
            if (d < 0 || d > 9) {
                throw new DamagedRecordException("a time field is not a number");
            }
            v = v * 10 + d;
        }
        return instant(i == 1 ? -v : v); // 18 digits of microseconds stay far inside Instant's range
    }
}
