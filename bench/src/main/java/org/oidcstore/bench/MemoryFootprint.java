package org.oidcstore.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;

/**
 * Case 4a: retained heap per live JWT-ID marker in the memory tier at 1 M markers (capacity raised
 * to fit): heap used after forced GCs before and after marking, over several rounds in a JVM of its
 * own. Then what touching sessions retains ({@link TouchedSessions}).
 */
final class MemoryFootprint {
    static final String CASE = "footprint-memory";

    private MemoryFootprint() {
    }

    static void run() throws Exception {
        Summary.reset(CASE);
        int n = (int) Bench.size(1_000_000, 50_000);
        int rounds = Bench.rounds(3, 1);
        List<Double> perMarker = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long before = usedAfterGc();
            OidcStore store = MemoryStores.open(new MemorySettings(n + 1_000, MemorySettings.DEFAULT_MAX_VALUE_BYTES,
                    MemorySettings.DEFAULT_SWEEP_BATCH), Clock.systemUTC(), SecretDigest.unpeppered());
            ConsumedJwtIdStore jti = store.consumedJwtIds();
            Instant exp = Instant.now().plusSeconds(3600);
            for (int i = 0; i < n; i++) {
                jti.mark("dpop:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs:" + r + "-" + i, exp);
            }
            // touch the store once more so that its queued nodes are part of what is retained
            jti.isMarked("dpop:probe");
            long after = usedAfterGc();
            Reference.reachabilityFence(store);
            perMarker.add((after - before) / (double) n);
            Bench.log("memory tier: %d markers retain %.1f MiB (%.1f B/marker)", n, (after - before) / 1048576.0,
                    (after - before) / (double) n);
            store = null;
        }
        Stats s = Stats.of(perMarker);
        Md md = new Md();
        md.h(2, "4a. Heap per live JWT-ID marker, memory tier");
        md.p(Md.f("%,d live markers (ids like `dpop:<jkt>:<jti>`, stored as SHA-256 digests), capacity raised to fit;"
                + " heap used after three forced GCs before and after marking, %d round(s) in a JVM of its own"
                + " (`-Xmx4g`, G1). Median (± half the min–max range).", n, rounds));
        md.table("markers", "heap per marker", "heap for all markers").row(Md.f("%,d", n),
                s.medianWithSpread("%.0f B"), Md.f("%.0f MiB", s.median() * n / 1048576)).end();
        Summary.row(CASE, Md.f("4 · memory tier: heap per live JWT-ID marker at %,d markers", n), "(measured)",
                s.medianWithSpread("%.0f B"), "–");
        TouchedSessions.run(md);
        md.write(Bench.OUT.resolve(CASE + ".md"));
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(150);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
