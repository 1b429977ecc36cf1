package org.oidcstore.store.jpa.internal.gc;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.JpaGc;
import org.oidcstore.store.jpa.JpaGcReport;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * Expired-record GC: every sweepable table through {@link ExpiredRows}, so each batch is its own
 * short, paced transaction and writers of live rows never wait long. An interrupt (the schedule
 * being closed) ends the sweep after the current batch; the report counts what was deleted.
 */
public final class JpaGarbageCollector implements JpaGc {

    private final TxRunner tx;
    private final StoreContext ctx;
    private final ExpiredRows rows;
    private final List<Sweep> sweeps;

    private final List<Consumer<JpaGcReport>> listeners = new CopyOnWriteArrayList<>();

    /** @param sweeps every sweepable table, in sweep order (the kinds table's) */
    public JpaGarbageCollector(TxRunner tx, StoreContext ctx, ExpiredRows rows, List<Sweep> sweeps) {
        this.tx = tx;
        this.ctx = ctx;
        this.rows = rows;
        this.sweeps = List.copyOf(sweeps);
    }

    @Override
    public void addListener(Consumer<JpaGcReport> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private JpaGcReport notify(JpaGcReport report) {
        if (report.total() > 0) {
            for (var l : listeners) {
                try {
                    l.accept(report);
                } catch (RuntimeException e) {
                    System.getLogger(JpaGarbageCollector.class.getName()).log(System.Logger.Level.WARNING,
                            "a GC listener failed; the sweep itself succeeded", e);
                }
            }
        }
        return report;
    }

    @Override
    public JpaGcReport collect() {
        Instant cutoff = ctx.now();
        Map<StoreKind, Integer> deleted = new EnumMap<>(StoreKind.class);
        int[] batches = {0};
        tx.suspended(() -> {
            for (Sweep s : sweeps) {
                if (Thread.currentThread().isInterrupted()) {
                    break; // the scheduler is shutting down: the next sweep (on another start) goes on
                }
                Instant kept = cutoff.minus(s.grace());
                ExpiredRows.Swept swept = rows.sweep(s, Times.db(kept), Times.db(kept.minus(ctx.jwtIdClockSkew())));
                batches[0] += swept.batches();
                if (s.kind() != null) {
                    deleted.merge(s.kind(), swept.deleted(), Integer::sum);
                }
            }
            return null;
        });
        return notify(new JpaGcReport(cutoff, deleted, batches[0]));
    }
}
