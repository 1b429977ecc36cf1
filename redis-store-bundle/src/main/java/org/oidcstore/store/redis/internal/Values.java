package org.oidcstore.store.redis.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.oidcstore.store.spi.Expiry;

/** Small helpers shared by the substores. */
final class Values {
    /** Engine TTL floor of records: a key never outlives its record by less than this. */
    static final Duration RECORD_TTL_FLOOR = Duration.ofSeconds(1);
    static final byte[] EMPTY = new byte[0];

    private Values() {
    }

    static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The engine TTL of a record expiring at {@code expiresAt}; never shorter than the clock's view. */
    static long ttl(Instant expiresAt, Instant now, Duration floor) {
        return Expiry.ttlMillis(expiresAt, now, floor);
    }

    /** Reads a Lua integer reply. */
    static long num(Object reply) {
        return (Long) reply;
    }
}
