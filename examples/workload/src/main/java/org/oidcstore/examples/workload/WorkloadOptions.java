package org.oidcstore.examples.workload;

/**
 * How much work to run.
 *
 * @param flows complete provider flows (authorization request to refresh rotations)
 * @param concurrency flows in flight at once
 * @param replayEvery every n-th flow also replays a code, a refresh token, a client assertion
 *     and a pushed request, which the stores must detect
 */
public record WorkloadOptions(int flows, int concurrency, int replayEvery) {

    public WorkloadOptions {
        if (flows < 1 || concurrency < 1 || replayEvery < 1) {
            throw new IllegalArgumentException("flows, concurrency and replay-every must be positive");
        }
    }

    /** Parses {@code --flows=N --concurrency=C --replay-every=R}; unknown options are an error. */
    public static WorkloadOptions parse(String[] args, WorkloadOptions defaults) {
        int flows = defaults.flows();
        int concurrency = defaults.concurrency();
        int replayEvery = defaults.replayEvery();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected --name=value, got " + a + "\n" + usage());
            }
            int v;
            try {
                v = Integer.parseInt(kv[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(kv[0] + " needs a number, got " + kv[1]);
            }
            switch (kv[0]) {
                case "--flows" -> flows = v;
                case "--concurrency" -> concurrency = v;
                case "--replay-every" -> replayEvery = v;
                default -> throw new IllegalArgumentException("unknown option " + kv[0] + "\n" + usage());
            }
        }
        return new WorkloadOptions(flows, concurrency, replayEvery);
    }

    public static String usage() {
        return "options: --flows=N (provider flows to run) --concurrency=C (flows in flight)"
                + " --replay-every=R (every R-th flow replays a code, a refresh token, an assertion, a PAR)";
    }

    /** How many flows replay, i.e. how many replays of each kind the run must detect. */
    public int expectedReplays() {
        return flows / replayEvery;
    }
}
