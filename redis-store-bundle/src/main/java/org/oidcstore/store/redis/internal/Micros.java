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

    static Instant parse(byte[] decimal) {
        return instant(Long.parseLong(new String(decimal, StandardCharsets.US_ASCII)));
    }
}
