package org.oidcstore.store.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oidcstore.store.StoreConfigurationException;

/**
 * Settings of the in-process volatile tier.
 *
 * @param capacity the most entries each substore holds (live or awaiting reclamation); when full,
 *     new writes are refused with {@code StoreUnavailableException}, never made room for by
 *     evicting live entries (an evicted JWT-ID marker or consumed-PAR marker would reopen a replay
 *     window)
 * @param maxStateBytes the largest interaction state accepted
 * @param sweepBatch how many expired entries one write reclaims at most (amortised sweeping)
 */
public record MemorySettings(int capacity, int maxStateBytes, int sweepBatch) {

    public static final int DEFAULT_CAPACITY = 100_000;
    public static final int DEFAULT_MAX_STATE_BYTES = 64 * 1024;
    public static final int DEFAULT_SWEEP_BATCH = 64;

    public static final String CAPACITY_KEY = "oidc.store.memory.capacity";
    public static final String MAX_STATE_BYTES_KEY = "oidc.store.memory.max-state-bytes";
    public static final String SWEEP_BATCH_KEY = "oidc.store.memory.sweep-batch";

    public static MemorySettings defaults() {
        return new MemorySettings(DEFAULT_CAPACITY, DEFAULT_MAX_STATE_BYTES, DEFAULT_SWEEP_BATCH);
    }

    /**
     * From MicroProfile Config (keys {@value #CAPACITY_KEY}, {@value #MAX_STATE_BYTES_KEY},
     * {@value #SWEEP_BATCH_KEY}), validated.
     */
    public static MemorySettings fromConfig(org.eclipse.microprofile.config.Config config) {
        return new MemorySettings(
                config.getOptionalValue(CAPACITY_KEY, Integer.class).orElse(DEFAULT_CAPACITY),
                config.getOptionalValue(MAX_STATE_BYTES_KEY, Integer.class).orElse(DEFAULT_MAX_STATE_BYTES),
                config.getOptionalValue(SWEEP_BATCH_KEY, Integer.class).orElse(DEFAULT_SWEEP_BATCH))
                .validate();
    }

    /** The problems of these settings, each with its message id; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (capacity < 1) {
            p.add("OIDCS-1101 " + CAPACITY_KEY + " is " + capacity + "; it must be at least 1");
        }
        if (maxStateBytes < 1024 || maxStateBytes > org.oidcstore.store.Interaction.MAX_STATE_BYTES) {
            p.add("OIDCS-1102 " + MAX_STATE_BYTES_KEY + " is " + maxStateBytes + "; it must be between 1024 and "
                    + org.oidcstore.store.Interaction.MAX_STATE_BYTES);
        }
        if (sweepBatch < 1 || sweepBatch > 100_000) {
            p.add("OIDCS-1103 " + SWEEP_BATCH_KEY + " is " + sweepBatch + "; it must be between 1 and 100000");
        }
        return p;
    }

    /** Returns this, or throws one exception naming every problem. */
    public MemorySettings validate() {
        Optional<String> all = problems().stream().reduce((a, b) -> a + "\n" + b);
        if (all.isPresent()) {
            throw new StoreConfigurationException("invalid memory-tier settings:\n" + all.get());
        }
        return this;
    }
}
