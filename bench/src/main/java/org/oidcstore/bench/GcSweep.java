package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.JpaGcReport;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;

/**
 * Case 4c: GC of 1 M expired authorization codes on MariaDB (or PostgreSQL: {@link GcSweepDb}) by the JPA tier's own sweep
 * ({@code JpaStore.gc().collect()}), while a writer keeps saving codes into the same table. The
 * store runs on Narayana and an Agroal pool set up here exactly as the store sets up its own,
 * with the transaction manager wrapped to time every sweep transaction (the longest is the longest
 * time a batch held its row locks). The writer's latency during the sweep is compared with its
 * latency without one.
 */
final class GcSweep {
    static final String CASE = "gc-sweep";
    private static final long MAX_NS = 60_000_000_000L;

    private GcSweep() {
    }

    static void run() throws Exception {
        Summary.reset(CASE);
        int n = Integer.getInteger("bench.gc.rows", (int) Bench.size(1_000_000, 20_000));
        long writerNanos = Bench.size(10_000, 2_000) * 1_000_000L;
        if (System.getProperty("ObjectStoreEnvironmentBean.objectStoreDir") == null) {
            // Narayana's object store: run.sh puts it under bench/target; elsewhere under target/ here
            Path txDir = Files.createDirectories(Path.of("target", "bench-narayana"));
            System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", txDir.toString());
            System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", txDir.toString());
        }
        GcSweepDb.recreate();
        TransactionManager narayana = com.arjuna.ats.jta.TransactionManager.transactionManager();
        TransactionSynchronizationRegistry tsr =
                new com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple();
        TimingTransactionManager tm = new TimingTransactionManager(narayana);
        JpaSettings settings = GcSweepDb.settings();
        try (AgroalDataSource xa = GcSweepDb.pool(narayana, tsr);
             JpaStore store = JpaStores.open(settings, Clock.systemUTC(), xa, tm, tsr)) {
            long t0 = System.nanoTime();
            GcSweepDb.insertExpired(n);
            double insertS = (System.nanoTime() - t0) / 1e9;
            Bench.log("gc: inserted %d expired codes in %.1f s", n, insertS);
            AuthorizationCodeStore codes = store.authorizationCodes();
            // warm the writer's path, then measure it alone
            writer(codes, null, 1_000_000_000L);
            Histogram alone = writer(codes, null, writerNanos);
            Histogram during = new Histogram(MAX_NS, 3);
            JpaGcReport[] report = new JpaGcReport[1];
            double[] sweepS = new double[1];
            Thread sweeper = new Thread(() -> {
                long s = System.nanoTime();
                report[0] = store.gc().collect();
                sweepS[0] = (System.nanoTime() - s) / 1e9;
            }, "gc-sweep");
            tm.watch(sweeper);
            Histogram duringRun = writer(codes, sweeper, 0);
            during.add(duringRun);
            // the writer alone again right after the sweep: the baseline brackets the sweep in time,
            // so load that comes and goes on a shared machine weighs on both sides alike
            alone.add(writer(codes, null, writerNanos));
            if (report[0] == null) {
                throw new IllegalStateException("the sweep failed (see the log)");
            }
            int deleted = report[0].deleted().getOrDefault(StoreKind.AUTHORIZATION_CODES, 0);
            if (deleted < n) {
                throw new IllegalStateException("the sweep deleted " + deleted + " of " + n + " expired codes");
            }
            List<Long> tx = tm.durationsNanos();
            // batches are sized to a time budget, so their number is not n / batch size: every
            // transaction counts (the other tables are empty: one short transaction each)
            Stats txs = Stats.of(tx.stream().map(d -> d / 1e6).toList());
            long over = tx.stream().filter(d -> d > 200_000_000L).count();
            write(n, insertS, settings.gcBatchSize(), report[0], sweepS[0], txs, over, alone, during);
        } finally {
            if (!Boolean.getBoolean("bench.keep-db")) {
                GcSweepDb.drop();
            }
        }
    }

    /**
     * Saves codes (one own transaction each) in a loop: for {@code nanos} when {@code until} is null,
     * else from starting {@code until} until it ends.
     */
    private static Histogram writer(AuthorizationCodeStore codes, Thread until, long nanos) throws InterruptedException {
        Histogram h = new Histogram(MAX_NS, 3);
        long end = System.nanoTime() + nanos;
        if (until != null) {
            until.start();
        }
        long i = 0;
        while (until != null ? until.isAlive() : System.nanoTime() < end) {
            Instant now = Instant.now();
            long t = System.nanoTime();
            codes.save(AuthorizationCode.builder().code(Tokens.random()).clientId(Flow.CLIENT).subject("writer-" + i++)
                    .grantId("g-writer").redirectUri(Flow.REDIRECT).scopes(Flow.SCOPES).codeChallenge(Flow.CHALLENGE)
                    .codeChallengeMethod("S256").nonce(Flow.NONCE).authTime(now).amr(Flow.AMR)
                    .expiresAt(now.plus(Duration.ofMinutes(10))).createdAt(now).build());
            h.recordValue(Math.min(MAX_NS, System.nanoTime() - t));
        }
        if (until != null) {
            until.join();
        }
        return h;
    }

    private static void write(int n, double insertS, int batchSize, JpaGcReport report, double sweepS, Stats txs,
            long over200, Histogram alone, Histogram during) {
        Md md = new Md();
        md.h(2, "4c. GC of expired rows on " + GcSweepDb.engine());
        md.p(Md.f("%,d expired authorization codes inserted (%.1f s, chunks of 50,000), then the JPA tier's own sweep"
                + " (`JpaStore.gc().collect()`, batch size at most %,d, each batch sized to about 50 ms and followed by a"
                + " pause as long as itself: each batch selects expired keys and deletes them in one short transaction) while one writer keeps saving codes into the same table. Transaction times"
                + " are begin → commit of each sweep transaction, measured on the transaction manager.", n, insertS,
                batchSize));
        md.table("rows deleted", "sweep time", "rows/s", "sweep transactions", "longest transaction",
                "median / p90 / p99 transaction", "transactions over 200 ms").row(Md.f("%,d", report.total()), Md.f("%.1f s", sweepS),
                Md.f("%,.0f", report.total() / sweepS), Md.f("%,d", txs.n()), Md.f("%.0f ms", txs.max()),
                Md.f("%.0f / %.0f / %.0f ms", txs.median(), txs.quantile(0.9), txs.quantile(0.99)),
                Md.f("%,d (%.2f %%)", over200, 100.0 * over200 / txs.n())).end();
        md.table("writer (code save, 1 thread)", "saves", "p50", "p99", "max")
                .row("without a sweep (just before and just after it)", Md.f("%,d", alone.getTotalCount()), ms(alone, 50), ms(alone, 99),
                        Md.f("%.1f ms", alone.getMaxValue() / 1e6))
                .row("during the sweep", Md.f("%,d", during.getTotalCount()), ms(during, 50), ms(during, 99),
                        Md.f("%.1f ms", during.getMaxValue() / 1e6)).end();
        md.write(Bench.OUT.resolve(CASE + ".md"));
        Summary.row(CASE, Md.f("4 · %s GC of %,d expired rows: longest sweep transaction", GcSweepDb.engine(), n), "(measured)",
                Md.f("%.0f ms (median batch %.0f ms, %,d transactions, %,.0f rows/s)", txs.max(), txs.median(),
                        txs.n(), report.total() / sweepS), "–");
        Summary.row(CASE, "4 · writer p99 during the sweep − without", "≤ +5 ms",
                Md.f("%+.2f ms (%.2f → %.2f ms, %.2fx)", (during.getValueAtPercentile(99) - alone.getValueAtPercentile(99)) / 1e6,
                        alone.getValueAtPercentile(99) / 1e6, during.getValueAtPercentile(99) / 1e6,
                        during.getValueAtPercentile(99) / (double) alone.getValueAtPercentile(99)), "–");
    }

    private static String ms(Histogram h, double q) {
        return Md.f("%.2f ms", h.getValueAtPercentile(q) / 1e6);
    }
}
