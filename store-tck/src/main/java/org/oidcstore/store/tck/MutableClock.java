package org.oidcstore.store.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the tests move by hand, so that expiry is tested by advancing time, never by sleeping.
 * Thread-safe. Starts at the current wall-clock time truncated to milliseconds, so that engine TTLs
 * derived from it (Redis {@code PX}) stay realistic.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MutableClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock at the current time, truncated to milliseconds. */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public Instant now() {
        return now.get();
    }

    public MutableClock advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
        return this;
    }

    public MutableClock set(Instant t) {
        now.set(t);
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new MutableClock(now, z);
    }
}
