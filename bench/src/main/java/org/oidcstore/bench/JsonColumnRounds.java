package org.oidcstore.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * {@link JsonColumnJmh}'s comparison made robust to a shared, noisy machine: the two codecs run
 * back to back in every round, in alternating order, each round the same mixed work a token flow
 * does per request (encode and decode a scope set, encode and decode a pushed request's
 * parameters), and the claim is the median of the per-round ratios. JMH runs its configurations
 * one after the other, so load that changes between them shows up as a difference of codecs.
 *
 * <p>Run: {@code java -cp "bench/target/oidc-store-bench.jar:bench/target/lib/*" org.oidcstore.bench.JsonColumnRounds [rounds] [opsPerRound]}.
 */
public final class JsonColumnRounds {
    private JsonColumnRounds() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        JsonColumnJmh hand = codec("hand-written");
        JsonColumnJmh parsson = codec("parsson");
        for (int i = 0; i < 5; i++) { // warm-up, both
            run(hand, ops);
            run(parsson, ops);
        }
        double[] handNs = new double[rounds];
        double[] parssonNs = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                handNs[r] = run(hand, ops);
                parssonNs[r] = run(parsson, ops);
            } else {
                parssonNs[r] = run(parsson, ops);
                handNs[r] = run(hand, ops);
            }
            ratio[r] = parssonNs[r] / handNs[r];
        }
        System.out.printf("rounds %d x %d ops (one op = encode+decode scopes, encode+decode PAR parameters)%n",
                rounds, ops);
        System.out.printf("hand-written  median %8.0f ns/op  (p10 %8.0f, p90 %8.0f)%n", median(handNs), pct(handNs, 10),
                pct(handNs, 90));
        System.out.printf("parsson       median %8.0f ns/op  (p10 %8.0f, p90 %8.0f)%n", median(parssonNs),
                pct(parssonNs, 10), pct(parssonNs, 90));
        System.out.printf("parsson / hand-written, per round: median %.2f (p10 %.2f, p90 %.2f)%n", median(ratio),
                pct(ratio, 10), pct(ratio, 90));
    }

    private static JsonColumnJmh codec(String name) {
        JsonColumnJmh b = new JsonColumnJmh();
        b.codec = name;
        b.setup();
        return b;
    }

    /** Nanoseconds per op of {@code ops} mixed ops. */
    private static double run(JsonColumnJmh b, int ops) {
        int sink = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            String s = b.encodeScopes();
            Set<String> d = b.decodeScopes();
            String p = b.encodeParRequest();
            Map<String, List<String>> m = b.decodeParRequest();
            sink += s.length() + d.size() + p.length() + m.size();
        }
        long t = System.nanoTime() - t0;
        if (sink == 42) {
            System.out.print("");
        }
        return (double) t / ops;
    }

    private static double median(double[] v) {
        return pct(v, 50);
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.round(p / 100.0 * (s.length - 1)))];
    }
}
