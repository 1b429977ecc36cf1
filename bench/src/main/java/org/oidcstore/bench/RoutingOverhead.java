package org.oidcstore.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link RoutingJmh} with JMH and tabulates the composite's cost per call. */
final class RoutingOverhead {
    static final String CASE = "routing";

    private RoutingOverhead() {
    }

    static void run() throws RunnerException {
        Summary.reset(CASE);
        Options opt = new OptionsBuilder().include(RoutingJmh.class.getName() + "\\.")
                .forks(Bench.QUICK ? 1 : 2)
                .warmupIterations(Bench.QUICK ? 1 : 2).warmupTime(TimeValue.milliseconds(Bench.QUICK ? 200 : 1000))
                .measurementIterations(Bench.QUICK ? 2 : 4)
                .measurementTime(TimeValue.milliseconds(Bench.QUICK ? 200 : 1000))
                .threads(1).timeUnit(TimeUnit.NANOSECONDS)
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-Djava.util.logging.config.file="
                        + System.getProperty("java.util.logging.config.file", ""))
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        // benchmark -> path -> result
        Map<String, Map<String, RunResult>> by = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            bench = bench.substring(bench.lastIndexOf('.') + 1);
            by.computeIfAbsent(bench, k -> new LinkedHashMap<>()).put(r.getParams().getParam("path"), r);
        }
        Md md = new Md();
        md.h(2, "2. Routing overhead on the in-memory tier (JMH)");
        md.p(Md.f("JMH 1.37, average time per call, 1 thread, %s. ± is JMH's 99.9 %% confidence half-interval."
                + " *routing* = a composite without a metric registry; *routing+metrics* = with a MicroProfile"
                + " Metrics registry (SmallRye Metrics 5.1), as a CDI deployment runs it. The memory tier answers"
                + " in well under a microsecond, so this shows the composite's cost per call in isolation; on"
                + " Redis and MariaDB the same absolute cost is a far smaller share (tables of cases 1 and 3).",
                Bench.QUICK ? "1 fork, 1 × 200 ms warm-up, 2 × 200 ms measurement (quick mode)"
                        : "2 forks × (2 × 1 s warm-up, 4 × 1 s measurement)"));
        boolean same = routingHandsOutBackendObjects();
        md.p(same ? "The routing-only composite hands out the backend's own substore objects (checked: `composite"
                + ".consumedJwtIds() == memory.consumedJwtIds()`, likewise for interactions and pushed requests): its"
                + " per-call cost is zero by construction, and the direct/routing differences below are the"
                + " machine's noise (see the confidence intervals). The metered composite wraps each substore in a"
                + " proxy that times and counts every call."
                : "**The routing-only composite wraps the backend's substores** (not the same objects).");
        Md.Table t = md.table("operation", "direct ns/op", "routing ns/op", "routing+metrics ns/op",
                "routing overhead", "routing+metrics overhead", "added by metrics, ns/call");
        for (Map.Entry<String, Map<String, RunResult>> e : by.entrySet()) {
            RunResult d = e.getValue().get("direct");
            RunResult r = e.getValue().get("routing");
            RunResult m = e.getValue().get("routing+metrics");
            double ds = d.getPrimaryResult().getScore();
            double rs = r.getPrimaryResult().getScore();
            double ms = m.getPrimaryResult().getScore();
            double ro = (rs / ds - 1) * 100;
            double mo = (ms / ds - 1) * 100;
            t.row(e.getKey(), cell(d), cell(r), cell(m), Md.f("%+.1f %%", ro), Md.f("%+.1f %%", mo),
                    Md.f("%.0f", ms - ds));
            Summary.row(CASE, "2 · routing overhead, memory tier, " + e.getKey() + " (JMH): routing only",
                    "< 2 %", Md.f("%+.1f %%%s", ro, same ? " (noise: same object as direct, 0 by construction)" : ""),
                    same ? "meets" : Summary.atMost(ro, 2.0));
            Summary.row(CASE, "2 · routing overhead, memory tier, " + e.getKey() + " (JMH): routing + metrics",
                    "< 2 %", Md.f("%+.1f %% (+%.0f ns/call)", mo, ms - ds), Summary.atMost(mo, 2.0));
        }
        t.end();
        md.write(Bench.OUT.resolve(CASE + ".md"));
    }

    private static boolean routingHandsOutBackendObjects() {
        org.oidcstore.store.OidcStore memory = org.oidcstore.store.memory.MemoryStores.open();
        org.oidcstore.store.OidcStore routed = Composites.routingOnly(new StandInDurableStore(), memory);
        return routed.consumedJwtIds() == memory.consumedJwtIds()
                && routed.interactionCompareAndSwap().orElseThrow() == memory.interactionCompareAndSwap().orElseThrow()
                && routed.pushedAuthorizationRequests() == memory.pushedAuthorizationRequests();
    }

    private static String cell(RunResult r) {
        double err = r.getPrimaryResult().getScoreError();
        return Double.isNaN(err) ? Md.f("%.0f", r.getPrimaryResult().getScore())
                : Md.f("%.0f ± %.0f", r.getPrimaryResult().getScore(), err);
    }
}
