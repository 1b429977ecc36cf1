package org.oidcstore.store.jpa.internal.gc;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.oidcstore.store.StoreKind;

/**
 * One sweepable table, declared by the store class that owns it: its kind ({@code null} for
 * bookkeeping rows, not counted), key column, the condition that makes a row garbage, and the
 * re-check of the delete. In both conditions {@code ?1} is the cutoff moved back by
 * {@link #grace} (rows a store keeps a while past their expiry), {@code ?2} that instant moved
 * back by the JWT-ID clock-skew allowance as well.
 *
 * <p>A condition that is a conjunction opening with {@code <column> <= ?n} (optionally after
 * {@code <column> IS NOT NULL AND}) is swept along that column ({@link #seek}), so the table must
 * have an index on it: every swept table has one on its expiry column ({@code expires_at},
 * {@code retain_until}). Any other condition is swept along the key.
 */
public record Sweep(StoreKind kind, String table, String key, String expired, String recheck, Duration grace) {
    private static final Pattern SEEK = Pattern.compile("^(?:(\\w+) IS NOT NULL AND )?(\\w+) <= \\?[1-9](?: AND .*)?$");

    /** A sweep whose re-check is its condition and which keeps no row past the cutoff. */
    public Sweep(StoreKind kind, String table, String key, String expired) {
        this(kind, table, key, expired, expired, Duration.ZERO);
    }

    /** Rows whose {@code expires_at} is at or before the cutoff. */
    public static Sweep expiresAt(StoreKind kind, String table, String key) {
        return new Sweep(kind, table, key, "expires_at <= ?1");
    }

    /**
     * The indexed column the sweep walks in order, the key breaking ties: the column of a leading
     * {@code <column> <= ?n} of {@link #expired}; {@code null} when the sweep walks the key alone.
     */
    public String seek() {
        Matcher m = SEEK.matcher(expired);
        return m.matches() && (m.group(1) == null || m.group(1).equals(m.group(2))) ? m.group(2) : null;
    }
}
