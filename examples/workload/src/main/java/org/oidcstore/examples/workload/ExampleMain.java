package org.oidcstore.examples.workload;

import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.Route;
import org.oidcstore.store.jpa.JpaGc;
import org.oidcstore.store.jpa.JpaGcReport;
import org.oidcstore.store.tier.Durable;
import org.oidcstore.store.tier.Volatile;

/**
 * The examples' main program: boots CDI (Weld SE) with whatever oidc-store bundles are on the
 * class path, configured by MicroProfile Config only, and runs the provider workload through the
 * injected {@code @Default} composite. Prints the routing table, records per kind on each tier,
 * replays detected, throughput and latency, the device and CIBA flows, the life of a client and a
 * subject (registration to erasure), the expired-record sweep and the metrics.
 */
public final class ExampleMain {
    /** Short-lived records planted before the run, so the sweep at the end has something to delete. */
    private static final int PLANTED = 500;

    private ExampleMain() {
    }

    /** Runs the example; returns the process exit code (0: every flow completed, every replay caught). */
    public static int run(String title, String[] args) throws InterruptedException {
        PrintStream out = System.out;
        WorkloadOptions options;
        try {
            options = WorkloadOptions.parse(args, new WorkloadOptions(2000, 8, 10));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        quietFrameworkLogging();
        out.println("oidc-store example: " + title);
        out.println();
        try (SeContainer cdi = SeContainerInitializer.newInstance().initialize()) {
            CompositeStore store = cdi.select(CompositeStore.class).get();
            Clock clock = Clock.systemUTC();
            routing(out, store);
            out.println("Session durability posture: " + store.sessionDurability().name().toLowerCase());
            out.println();

            Workload.seedUsers(store, clock);
            Instant planted = plantShortLivedRecords(store, clock);
            out.printf("Running %d flows, %d at a time (every %d-th flow replays what it can)%n", options.flows(),
                    options.concurrency(), options.replayEvery());
            Workload.Result result = Workload.run(store, clock, options, System.err);
            out.println();
            Report.result(out, result, options);
            out.println();
            BackchannelFlows.Result backchannel = new BackchannelFlows(store, clock).run();
            Report.backchannel(out, backchannel);
            out.println();
            LifeFlows.Result life = new LifeFlows(store, clock).run();
            Report.life(out, life);
            out.println();

            sweep(out, cdi, planted);
            out.println();
            Map<String, Map<StoreKind, Long>> counts = new LinkedHashMap<>();
            counts.put("durable", cdi.select(OidcStore.class, Durable.Literal.INSTANCE).get().recordCounts());
            counts.put("volatile", cdi.select(OidcStore.class, Volatile.Literal.INSTANCE).get().recordCounts());
            Report.counts(out, counts);
            out.println();
            metrics(out);
            boolean ok = Report.succeeded(result, options) && backchannel.succeeded() && life.succeeded();
            out.println();
            out.println(ok ? "RESULT: OK (every flow completed, every replay detected)" : "RESULT: FAILED");
            return ok ? 0 : 1;
        }
    }

    private static void routing(PrintStream out, CompositeStore store) {
        Map<StoreKind, String> tiers = new EnumMap<>(StoreKind.class);
        Map<StoreKind, String> backends = new EnumMap<>(StoreKind.class);
        for (Map.Entry<StoreKind, Route> e : store.routingTable().entrySet()) {
            tiers.put(e.getKey(), e.getValue().tier().configName());
            backends.put(e.getKey(), e.getValue().backend());
        }
        Report.routing(out, tiers, backends);
    }

    /** Codes and pushed requests that expire in one second: what a GC sweep exists for. */
    private static Instant plantShortLivedRecords(CompositeStore store, Clock clock) {
        Instant now = clock.instant();
        store.inTransaction(() -> {
            for (int i = 0; i < PLANTED; i++) {
                store.authorizationCodes().save(AuthorizationCode.builder().code(ProviderFlow.random("stale-"))
                        .clientId(Workload.CLIENT_IDS.get(0)).subject("user-0").grantId("stale-grant")
                        .expiresAt(now.plusSeconds(1)).createdAt(now).build());
            }
            return null;
        });
        for (int i = 0; i < PLANTED; i++) {
            store.pushedAuthorizationRequests().save(new PushedAuthorizationRequest(
                    ProviderFlow.random("urn:ietf:params:oauth:request_uri:"), Workload.CLIENT_IDS.get(0),
                    Map.of("response_type", List.of("code")), now, now.plusSeconds(1)));
        }
        return now.plusSeconds(1);
    }

    private static void sweep(PrintStream out, SeContainer cdi, Instant expiredAt) throws InterruptedException {
        long wait = Duration.between(Instant.now(), expiredAt).toMillis() + 50;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        var gcs = cdi.select(JpaGc.class, Durable.Literal.INSTANCE);
        if (!gcs.isResolvable()) {
            out.println("Expired-record sweep: no durable GC bean (the durable tier is not JPA)");
            return;
        }
        JpaGcReport report = gcs.get().collect();
        out.println("Expired-record sweep of the durable tier (" + PLANTED + " short-lived codes were planted"
                + " before the run; the volatile tier reclaims its own entries as it goes, pushed requests"
                + " after their 15-minute consume grace)");
        report.deleted().forEach((kind, n) -> {
            if (n > 0) {
                out.printf("  %-30s %d deleted%n", kind.configName(), n);
            }
        });
    }

    /** Counters and gauges; the timers ({@code oidc_store_operation_seconds*}) would triple the output. */
    private static void metrics(PrintStream out) {
        out.println("Metrics (MicroProfile Metrics, Prometheus text; oidc_store_* counters and gauges,"
                + " timers oidc_store_operation_seconds omitted)");
        String text = new PrometheusMetricsExporter().exportAllScopes();
        text.lines().filter(l -> l.startsWith("oidc_store_") || l.startsWith("# TYPE oidc_store_"))
                .filter(l -> !l.contains("oidc_store_operation_seconds"))
                .forEach(l -> out.println("  " + l));
    }

    /**
     * The frameworks log their start-up at INFO on the console; the example prints its own report,
     * so everything below WARNING is dropped unless the user configured JUL themselves.
     */
    private static void quietFrameworkLogging() {
        if (System.getProperty("java.util.logging.config.file") == null
                || !new java.io.File(System.getProperty("java.util.logging.config.file")).isFile()) {
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            root.setLevel(java.util.logging.Level.WARNING);
            for (var h : root.getHandlers()) {
                h.setLevel(java.util.logging.Level.WARNING);
            }
        } else {
            try (var in = new java.io.FileInputStream(System.getProperty("java.util.logging.config.file"))) {
                java.util.logging.LogManager.getLogManager().readConfiguration(in);
            } catch (java.io.IOException e) {
                System.err.println("could not read the logging configuration: " + e.getMessage());
            }
        }
    }
}
