package org.oidcstore.store.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.memory.internal.MemoryMessages;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.spi.ValueSize;

/**
 * Settings of the in-process volatile tier.
 *
 * @param capacity the most entries each substore holds (live or awaiting reclamation); when full,
 *     new writes are refused with {@code StoreUnavailableException}, never made room for by
 *     evicting live entries (an evicted JWT-ID marker or consumed-PAR marker would reopen a replay
 *     window)
 * @param maxValueBytes the largest pushed request, session or interaction accepted, measured by
 *     {@link ValueSize} as on every volatile tier ({@value #MAX_VALUE_BYTES_KEY})
 * @param sweepBatch how many expired entries one write reclaims at most (amortised sweeping)
 */
public record MemorySettings(int capacity, int maxValueBytes, int sweepBatch) {

    public static final int DEFAULT_CAPACITY = 100_000;
    /** The default of every volatile tier: {@link ValueSize#DEFAULT_MAX_VALUE_BYTES}. */
    public static final int DEFAULT_MAX_VALUE_BYTES = ValueSize.DEFAULT_MAX_VALUE_BYTES;
    public static final int DEFAULT_SWEEP_BATCH = 64;
    public static final int MAX_SWEEP_BATCH = 100_000;

    public static final String PREFIX = "oidc.store.memory.";
    public static final String CAPACITY_KEY = PREFIX + "capacity";
    public static final String MAX_VALUE_BYTES_KEY = PREFIX + StoreSettings.MAX_VALUE_BYTES;
    public static final String SWEEP_BATCH_KEY = PREFIX + "sweep-batch";
    /**
     * Retired: limited the interaction state alone. Refused (OIDCS-1105) rather than read as
     * {@value #MAX_VALUE_BYTES_KEY}, which measures the whole record of three kinds: the same
     * number would mean another limit, and an ignored key would leave a limit unapplied unnoticed.
     */
    public static final String RETIRED_MAX_STATE_BYTES_KEY = PREFIX + "max-state-bytes";

    private static final String CAPACITY_FIX = "set a positive number of entries per substore (default "
            + DEFAULT_CAPACITY + ")";
    private static final String VALUE_BYTES_FIX = "set a number of bytes between " + ValueSize.MIN_MAX_VALUE_BYTES
            + " and " + ValueSize.MAX_MAX_VALUE_BYTES + " (default " + DEFAULT_MAX_VALUE_BYTES + ")";
    private static final String SWEEP_BATCH_FIX = "set a number between 1 and " + MAX_SWEEP_BATCH
            + "; the default (" + DEFAULT_SWEEP_BATCH + ") suits almost everyone";

    public static MemorySettings defaults() {
        return new MemorySettings(DEFAULT_CAPACITY, DEFAULT_MAX_VALUE_BYTES, DEFAULT_SWEEP_BATCH);
    }

    /** A builder starting from the defaults; {@link Builder#build()} does not validate. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * From MicroProfile Config (keys {@value #CAPACITY_KEY}, {@value #MAX_VALUE_BYTES_KEY},
     * {@value #SWEEP_BATCH_KEY}), validated.
     *
     * @throws StoreConfigurationException naming every problem, each line starting with its id
     */
    public static MemorySettings fromConfig(org.eclipse.microprofile.config.Config config) {
        return read(k -> config.getOptionalValue(k, String.class));
    }

    /**
     * From a configuration lookup (MicroProfile Config semantics: empty when unset), validated.
     *
     * @throws StoreConfigurationException naming every problem, each line starting with its id
     */
    public static MemorySettings read(Function<String, Optional<String>> config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw failure(problems);
        }
        return new MemorySettings(
                number(config, CAPACITY_KEY).orElse((long) DEFAULT_CAPACITY).intValue(),
                number(config, MAX_VALUE_BYTES_KEY).orElse((long) DEFAULT_MAX_VALUE_BYTES).intValue(),
                number(config, SWEEP_BATCH_KEY).orElse((long) DEFAULT_SWEEP_BATCH).intValue());
    }

    /**
     * Every problem of the memory tier's keys in a configuration, each starting with its id, in a
     * fixed order (1101, 1104, 1103, 1105); empty when valid. Pure: what the tier's
     * {@code ConfigSafetyCheck} reports at deployment and {@link #read} refuses at start.
     */
    public static List<String> problems(Function<String, Optional<String>> config) {
        List<String> p = new ArrayList<>();
        checkRange(config, CAPACITY_KEY, MemoryMessages.CAPACITY_INVALID, 1, Integer.MAX_VALUE, CAPACITY_FIX, p);
        checkRange(config, MAX_VALUE_BYTES_KEY, MemoryMessages.MAX_VALUE_BYTES_INVALID, ValueSize.MIN_MAX_VALUE_BYTES,
                ValueSize.MAX_MAX_VALUE_BYTES, VALUE_BYTES_FIX, p);
        checkRange(config, SWEEP_BATCH_KEY, MemoryMessages.SWEEP_BATCH_INVALID, 1, MAX_SWEEP_BATCH, SWEEP_BATCH_FIX, p);
        if (config.apply(RETIRED_MAX_STATE_BYTES_KEY).filter(v -> !v.isBlank()).isPresent()) {
            p.add(MemoryMessages.RETIRED_MAX_STATE_BYTES + " " + RETIRED_MAX_STATE_BYTES_KEY
                    + " is no longer read: it was replaced by "
                    + MAX_VALUE_BYTES_KEY + ", which limits the whole pushed request, session or interaction (ids,"
                    + " strings and state, measured as on the Redis tier), not the interaction state alone. Remove "
                    + RETIRED_MAX_STATE_BYTES_KEY + " and, if you need another limit than the default ("
                    + DEFAULT_MAX_VALUE_BYTES + "), set " + MAX_VALUE_BYTES_KEY + " with room for the interaction"
                    + " id and 16 bytes beside the state");
        }
        return p;
    }

    /** The problems of these settings, each with its id; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (capacity < 1) {
            p.add(MemoryMessages.CAPACITY_INVALID + " " + CAPACITY_KEY + " is " + capacity + "; " + CAPACITY_FIX);
        }
        if (maxValueBytes < ValueSize.MIN_MAX_VALUE_BYTES || maxValueBytes > ValueSize.MAX_MAX_VALUE_BYTES) {
            p.add(MemoryMessages.MAX_VALUE_BYTES_INVALID + " " + MAX_VALUE_BYTES_KEY + " is " + maxValueBytes + "; "
                    + VALUE_BYTES_FIX);
        }
        if (sweepBatch < 1 || sweepBatch > MAX_SWEEP_BATCH) {
            p.add(MemoryMessages.SWEEP_BATCH_INVALID + " " + SWEEP_BATCH_KEY + " is " + sweepBatch + "; "
                    + SWEEP_BATCH_FIX);
        }
        return p;
    }

    /** Returns this, or throws one exception naming every problem. */
    public MemorySettings validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw failure(p);
        }
        return this;
    }

    private static StoreConfigurationException failure(List<String> problems) {
        return new StoreConfigurationException("invalid memory-tier settings:\n" + String.join("\n", problems));
    }

    /**
     * Adds the problem of {@code key} when it is set to something else than a whole number within
     * {@code min … max}. A value that is no number is not repeated (it may be anything, line breaks
     * included); a number out of range is.
     */
    private static void checkRange(Function<String, Optional<String>> config, String key, String id, long min,
            long max, String fix, List<String> out) {
        Optional<Long> n;
        try {
            n = number(config, key);
        } catch (NumberFormatException e) {
            out.add(id + " " + key + " is not a whole number; " + fix);
            return;
        }
        if (n.isPresent() && (n.get() < min || n.get() > max)) {
            out.add(id + " " + key + " is " + n.get() + "; " + fix);
        }
    }

    /** The value of {@code key} as a number, empty when unset or blank. */
    private static Optional<Long> number(Function<String, Optional<String>> config, String key) {
        Optional<String> raw = config.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        return raw.map(Long::parseLong);
    }

    /** Builder of {@link MemorySettings}; defaults are the {@code DEFAULT_*} constants. */
    public static final class Builder {
        private int capacity;
        private int maxValueBytes;
        private int sweepBatch;

        private Builder(MemorySettings from) {
            capacity = from.capacity;
            maxValueBytes = from.maxValueBytes;
            sweepBatch = from.sweepBatch;
        }

        public Builder capacity(int v) { capacity = v; return this; }
        public Builder maxValueBytes(int v) { maxValueBytes = v; return this; }
        public Builder sweepBatch(int v) { sweepBatch = v; return this; }

        /** Builds without validating ({@link MemorySettings#validate()} runs when a store opens). */
        public MemorySettings build() {
            return new MemorySettings(capacity, maxValueBytes, sweepBatch);
        }
    }
}
