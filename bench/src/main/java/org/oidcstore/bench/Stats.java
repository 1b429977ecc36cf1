package org.oidcstore.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Median and spread of the per-round results of one contender. */
record Stats(double[] values) {

    static Stats of(List<Double> v) {
        return new Stats(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    double median() {
        return quantile(0.5);
    }

    double min() {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    double max() {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    int n() {
        return values.length;
    }

    /** Linear-interpolated quantile of the sorted values. */
    double quantile(double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    /** Half the min–max range relative to the median, in percent: the spread shown next to a median. */
    double spreadPercent() {
        double m = median();
        return m == 0 ? Double.NaN : (max() - min()) / 2 / m * 100;
    }

    /** "12,345 (±3.1 %)": median with half the min–max range relative to it. */
    String medianWithSpread(String fmt) {
        return String.format(Locale.ROOT, fmt, median()) + String.format(Locale.ROOT, " (±%.1f %%)", spreadPercent());
    }

    /**
     * Ratio of medians with a conservative range: the lowest and highest per-round ratio of rounds
     * that ran back to back (round i of a against round i of b).
     */
    static String ratio(Stats a, Stats b) {
        double r = a.median() / b.median();
        int n = Math.min(a.n(), b.n());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = a.values[i] / b.values[i];
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (n < 2) {
            return String.format(Locale.ROOT, "%.2fx", r);
        }
        return String.format(Locale.ROOT, "%.2fx [%.2f–%.2f]", r, lo, hi);
    }

    static double ratioValue(Stats a, Stats b) {
        return a.median() / b.median();
    }
}
