package org.oidcstore.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.ObjectName;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;

/**
 * Case 4a, second part: what touching sessions retains in the memory tier. Sliding sessions are
 * touched on every request with an 8-hour life; whatever the store keeps per touch until the old
 * expiry is what a busy provider accumulates. Heap after forced GCs before saving, after saving
 * and after touching, over several rounds, and the class histogram of the tier's entries and
 * reclamation nodes after the last round.
 */
final class TouchedSessions {
    private static final Duration LIFE = Duration.ofHours(8);

    private TouchedSessions() {
    }

    static void run(Md md) throws Exception {
        int sessions = (int) Bench.size(1_000, 100);
        int touches = (int) Bench.size(2_000, 200);
        int rounds = Bench.rounds(3, 1);
        List<Double> perTouch = new ArrayList<>();
        List<Double> afterSaving = new ArrayList<>();
        List<Double> afterTouching = new ArrayList<>();
        List<String> histogram = List.of();
        for (int r = 0; r < rounds; r++) {
            long before = MemoryFootprint.usedAfterGc();
            OidcStore store = MemoryStores.open(new MemorySettings(sessions + 10,
                    MemorySettings.DEFAULT_MAX_VALUE_BYTES, MemorySettings.DEFAULT_SWEEP_BATCH), Clock.systemUTC(),
                    SecretDigest.unpeppered());
            SessionStore s = store.sessions();
            List<String> ids = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < sessions; i++) {
                String sid = "sid-" + r + "-" + i + "-Qk3x9VbL0pWm7sYt";
                s.save(Session.builder().sessionId(sid).subject("sub-" + i).chooserGroup("browser-" + i)
                        .authTime(now).acr("urn:acr:pwd").amr(List.of("pwd")).clientIds(Set.of("client-a"))
                        .createdAt(now).updatedAt(now).expiresAt(now.plus(LIFE)).build());
                ids.add(sid);
            }
            long saved = MemoryFootprint.usedAfterGc();
            for (int t = 0; t < touches; t++) {
                for (String sid : ids) {
                    if (!s.touch(sid, Instant.now().plus(LIFE))) {
                        throw new IllegalStateException("a touched session was not found");
                    }
                }
            }
            long touched = MemoryFootprint.usedAfterGc();
            if (r == rounds - 1) {
                histogram = histogram();
            }
            Reference.reachabilityFence(store);
            perTouch.add((touched - saved) / ((double) sessions * touches));
            afterSaving.add((saved - before) / (double) sessions);
            afterTouching.add((touched - before) / (double) sessions);
            Bench.log("memory tier: %d sessions, %d touches each: %.1f MiB after saving, %.1f MiB after touching",
                    sessions, touches, (saved - before) / 1048576.0, (touched - before) / 1048576.0);
            store = null;
        }
        Stats t = Stats.of(perTouch);
        md.h(3, "Touched sessions");
        md.p(Md.f("%,d sessions saved with an 8-hour life, then each touched %,d times to now + 8 h (%,d touches,"
                + " the system clock); heap used after three forced GCs before saving, after saving and after"
                + " touching, %d round(s). Medians; the heap retained per touch also with its lowest and highest"
                + " round (it can be about zero, so a relative spread would mean nothing).", sessions, touches,
                (long) sessions * touches, rounds));
        md.table("sessions × touches", "heap per session, saved", "heap per session, touched",
                "heap retained per touch").row(Md.f("%,d × %,d", sessions, touches),
                        Md.f("%.0f B", Stats.of(afterSaving).median()),
                        Md.f("%.0f B", Stats.of(afterTouching).median()),
                        Md.f("%.1f B (%.1f … %.1f)", t.median(), t.min(), t.max())).end();
        md.p("Class histogram after the last round (`GC.class_histogram`: the memory tier's entries and"
                + " reclamation nodes, and the JDK collections its reclamation uses):");
        StringBuilder pre = new StringBuilder("```\n");
        histogram.forEach(line -> pre.append(line).append('\n'));
        md.p(pre.append("```").toString());
        Summary.row(MemoryFootprint.CASE, Md.f("4 · memory tier: heap retained per session touch (%,d touches)",
                (long) sessions * touches), "(measured)", Md.f("%.1f B", t.median()), "–");
    }

    /** The rows of {@code GC.class_histogram} for the memory tier's entries and nodes and their collections. */
    private static List<String> histogram() throws Exception {
        String all = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        List<String> rows = new ArrayList<>();
        for (String line : all.split("\n")) {
            boolean ours = line.contains("org.oidcstore.store.memory.internal.")
                    && (line.contains("$Node") || line.contains("$Entry"));
            if (ours || line.contains("ConcurrentLinkedQueue$Node") || line.contains("java.util.ArrayDeque ")
                    || line.contains("java.util.TreeMap$Entry ") || line.contains(" num ")) {
                rows.add(line.strip());
            }
        }
        return rows;
    }
}
