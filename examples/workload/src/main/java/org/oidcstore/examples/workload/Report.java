package org.oidcstore.examples.workload;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeSet;
import org.oidcstore.store.ClientRevocation;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.SubjectErasure;

/** Prints what a user of the examples wants to see, in plain aligned text. */
public final class Report {
    private Report() {
    }

    /** kind → tier → backend. */
    public static void routing(PrintStream out, Map<StoreKind, String> tierOf, Map<StoreKind, String> backendOf) {
        out.println("Routing (kind -> tier -> backend)");
        for (StoreKind k : StoreKind.values()) {
            out.printf("  %-30s %-9s %-8s%s%n", k.configName(), tierOf.get(k), backendOf.get(k),
                    k.inTransactionalCluster() ? "  [transactional cluster]" : "");
        }
    }

    /** Records held per kind on each backend (each map from {@code OidcStore.recordCounts()}). */
    public static void counts(PrintStream out, Map<String, Map<StoreKind, Long>> countsByBackend) {
        out.println("Records held per kind");
        TreeSet<String> backends = new TreeSet<>();
        for (Map.Entry<String, Map<StoreKind, Long>> e : countsByBackend.entrySet()) {
            if (e.getValue().isEmpty()) {
                out.println("  (" + e.getKey() + ": this backend does not count its records)");
            } else {
                backends.add(e.getKey());
            }
        }
        StringBuilder header = new StringBuilder(String.format("  %-30s", "kind"));
        backends.forEach(b -> header.append(String.format(" %10s", b)));
        out.println(header);
        for (StoreKind k : StoreKind.values()) {
            StringBuilder line = new StringBuilder(String.format("  %-30s", k.configName()));
            for (String b : backends) {
                Long n = countsByBackend.get(b).get(k);
                line.append(String.format(" %10s", n == null ? "-" : n.toString()));
            }
            out.println(line);
        }
    }

    public static void result(PrintStream out, Workload.Result r, WorkloadOptions options) {
        Tally t = r.tally();
        out.println("Workload");
        out.printf("  flows completed        %d of %d (%d failed), concurrency %d%n", t.flowsCompleted.sum(),
                options.flows(), t.flowsFailed.sum(), options.concurrency());
        out.printf("  refresh rotations      %d%n", t.refreshRotations.sum());
        out.printf("  store calls            %d%n", t.storeCalls.sum());
        out.println("Replays (expected " + options.expectedReplays() + " of each)");
        out.printf("  code replays detected          %d (grant revoked, %d tokens revoked)%n",
                t.codeReplaysDetected.sum(), t.tokensRevokedOnReplay.sum());
        out.printf("  refresh replays detected       %d (chain revoked)%n", t.refreshReplaysDetected.sum());
        out.printf("  JWT-ID replays blocked         %d%n", t.jtiReplaysBlocked.sum());
        out.printf("  pushed-request replays blocked %d%n", t.parReplaysBlocked.sum());
        out.printf("  double-submitted logins        %d (compare-and-swap conflicts)%n",
                t.interactionConflicts.sum());
        out.println("Throughput and latency");
        out.printf("  %.0f flows/s, %.0f store calls/s over %.2f s%n", r.flowsPerSecond(),
                t.storeCalls.sum() / Math.max(1e-9, r.elapsed().toNanos() / 1e9), r.elapsed().toNanos() / 1e9);
        out.printf("  flow latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", t.latencyMillis(0.50),
                t.latencyMillis(0.90), t.latencyMillis(0.99), t.latencyMillis(1.0));
        if (t.firstFailure() != null) {
            out.println("First failure:");
            t.firstFailure().printStackTrace(out);
        }
    }

    static void backchannel(PrintStream out, BackchannelFlows.Result r) {
        out.println("Device and CIBA flows (the user approves on another device; real time, one wait)");
        out.printf("  device codes redeemed          %d of %d (polled until approved)%n", r.devicesRedeemed(),
                BackchannelFlows.DEVICES);
        out.printf("  slow_down answers              %d (one early poll per device; interval +5 s)%n",
                r.slowDowns());
        out.printf("  device-code replays caught     %d%n", r.deviceReplaysCaught());
        out.printf("  CIBA requests redeemed         %d of 2 (poll mode and ping mode)%n", r.cibaRedeemed());
        out.printf("  ping tokens read back          %d of 1 (stored sealed, handed back in clear)%n",
                r.notificationTokensReadBack());
    }

    static void life(PrintStream out, LifeFlows.Result r) {
        out.println("Client and subject life (registration, rotation grace, sign-out, client deletion, erasure)");
        out.printf("  registrations admitted         %d of %d uses of one initial access token (%d refused: exhausted)%n",
                r.registrations(), LifeFlows.IAT_USES, r.registrationRefusals());
        out.printf("  registration-token rotations   %d (%d stale rotation lost)%n", r.ratRotations(),
                r.staleRotations());
        if (r.graceHits() < 0) {
            out.println("  rotation grace: backend does not offer it");
        } else {
            out.printf("  rotation grace hits served     %d (old refresh token presented again: same response)%n",
                    r.graceHits());
            out.printf("  replays after the successor    %d (chain revoked: %d tokens)%n", r.replaysAfterSuccessor(),
                    r.chainRevoked());
        }
        out.printf("  sessions signed out            %d of %d listed (another subject's session %s)%n",
                r.sessionsSignedOut(), r.sessionsListed(), r.otherSessionKept() ? "kept" : "LOST");
        ClientRevocation c = r.clientRevocation();
        out.printf("  client deleted (revokeClient)  refresh-tokens %d, grants %d, access-tokens %d,"
                + " opaque-access-tokens %d%n", c.refreshTokens(), c.grants(), c.accessTokens(), c.opaqueAccessTokens());
        StringBuilder erased = new StringBuilder();
        for (StoreKind k : SubjectErasure.ORDER) {
            if (r.erasure().counts().containsKey(k)) {
                erased.append(erased.length() == 0 ? "" : ", ").append(k.configName()).append(' ')
                        .append(r.erasure().count(k));
            }
        }
        out.printf("  subject erased                 %s (total %d)%n", erased, r.erasure().total());
    }

    /** Whether the run did what it must: every flow completed and every planted replay was caught. */
    public static boolean succeeded(Workload.Result r, WorkloadOptions options) {
        Tally t = r.tally();
        long expected = options.expectedReplays();
        return t.flowsFailed.sum() == 0 && t.flowsCompleted.sum() == options.flows()
                && t.codeReplaysDetected.sum() == expected && t.refreshReplaysDetected.sum() == expected
                && t.jtiReplaysBlocked.sum() == expected && t.parReplaysBlocked.sum() == expected
                && t.interactionConflicts.sum() == expected;
    }
}
