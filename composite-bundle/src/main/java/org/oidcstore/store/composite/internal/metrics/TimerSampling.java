package org.oidcstore.store.composite.internal.metrics;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.oidcstore.store.composite.CompositeKeys;
import org.oidcstore.store.composite.internal.CompositeMessages;
import org.oidcstore.store.composite.internal.ConfigKeys;
import org.oidcstore.store.composite.internal.ConfigLookup;
import org.oidcstore.store.tier.StoreTier;

/**
 * One store call in {@link #oneIn()} is timed ({@code oidc_store_operation_seconds}), chosen at
 * random per call; every call is counted whatever the sampling ({@code oidc_store_operations} and
 * the other counters stay exact). A timed call costs two clock readings and a timer update (about
 * 300 ns with SmallRye's quantiles on a loaded 2-core machine, most of the metered cost on the memory
 * tier); an untimed one neither. The choice is independent of the method, its arguments and the
 * calls before it ({@link ThreadLocalRandom}: no shared state, no contention), so the timed calls
 * are a uniform sample: the timer's mean, quantiles and rates are those of every call, its
 * {@code _count} and {@code _sum} about {@code 1 / oneIn()} of them, its {@code _max} the
 * largest sampled duration.
 *
 * @param oneIn 1 (every call timed, the timer's count equals the calls) to {@link #MAX}
 */
public record TimerSampling(int oneIn) {
    /**
     * The default on the volatile tier: one call in 32 timed (a timer update amortised to about
     * 10 ns per call, against calls of a few hundred nanoseconds on the memory tier).
     */
    public static final TimerSampling DEFAULT = new TimerSampling(32);
    /** Every call timed: {@code _count} equals the number of calls. */
    public static final TimerSampling EVERY_CALL = new TimerSampling(1);
    /** The largest value accepted. */
    public static final int MAX = 1024;

    public TimerSampling {
        if (oneIn < 1 || oneIn > MAX) {
            throw new IllegalArgumentException("timer sampling " + oneIn + " is not from 1 to " + MAX);
        }
    }

    /** Whether the call about to be made is timed. */
    public boolean timeThisCall() {
        return oneIn == 1 || ThreadLocalRandom.current().nextInt(oneIn) == 0;
    }

    /**
     * The sampling {@code config} sets ({@link CompositeKeys#METRICS_TIMER_SAMPLING_KEY}) for every
     * tier; empty when unset, blank or invalid: then each tier takes {@link #defaultFor its default}.
     */
    public static Optional<TimerSampling> configured(ConfigLookup config) {
        return config.get(CompositeKeys.METRICS_TIMER_SAMPLING_KEY).filter(v -> !v.isBlank())
                .flatMap(TimerSampling::parse);
    }

    /**
     * The sampling of a tier when none is configured: every call on the durable tier (its calls
     * take a database round trip, so timing one costs well under 0.1 % of it, and rare operations
     * keep every sample), {@link #DEFAULT one in 32} on the volatile tier (where timing every call
     * would cost more than the call on the memory tier).
     *
     * @param tier the tier's configuration name, as in the {@code tier} tag
     */
    public static TimerSampling defaultFor(String tier) {
        return StoreTier.DURABLE.configName().equals(tier) ? EVERY_CALL : DEFAULT;
    }

    /** OIDCS-2008 when {@code config} sets the sampling to something else than a whole number from 1 to 1024. */
    public static Optional<String> problem(ConfigLookup config) {
        String key = CompositeKeys.METRICS_TIMER_SAMPLING_KEY;
        return config.get(key).filter(v -> !v.isBlank() && parse(v).isEmpty())
                .map(v -> CompositeMessages.NOT_A_TIMER_SAMPLING + " " + key + " has the value '" + ConfigKeys.shown(v)
                        + "', which is not a whole number from 1 to " + MAX + ". Fix: set " + key + "=1 to time every"
                        + " store call, or " + key + "=N to time one call in N at random, or remove it (every call on the durable tier, one in "
                        + DEFAULT.oneIn() + " on the volatile tier); the counters count every call either way.");
    }

    private static Optional<TimerSampling> parse(String raw) {
        try {
            int n = Integer.parseInt(raw.strip());
            return n >= 1 && n <= MAX ? Optional.of(new TimerSampling(n)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
