package org.oidcstore.store.jpa.internal.gc;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.oidcstore.store.jpa.JpaGc;
import org.oidcstore.store.jpa.JpaGcReport;

/**
 * Runs the GC every {@code oidc.store.gc.interval}: on the container's default
 * {@code ManagedScheduledExecutorService} when JNDI has one (threads the server manages, with its
 * context), else on one daemon thread of its own. A failed sweep is logged and the next one runs
 * on schedule.
 */
public final class GcScheduler implements AutoCloseable {
    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedScheduledExecutorService";
    private static final System.Logger LOG = System.getLogger(GcScheduler.class.getName());

    private final ScheduledExecutorService own;
    private final ScheduledFuture<?> future;

    private GcScheduler(ScheduledExecutorService own, ScheduledFuture<?> future) {
        this.own = own;
        this.future = future;
    }

    /** Schedules {@code gc}; a zero interval schedules nothing. */
    public static AutoCloseable start(JpaGc gc, Duration interval) {
        if (interval.isZero()) {
            return () -> { };
        }
        ScheduledExecutorService managed = managedExecutor();
        ScheduledExecutorService own = managed == null ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oidc-store-gc");
            t.setDaemon(true);
            return t;
        }) : null;
        ScheduledExecutorService executor = managed != null ? managed : own;
        long millis = interval.toMillis();
        ScheduledFuture<?> f = executor.scheduleWithFixedDelay(() -> run(gc), millis, millis, TimeUnit.MILLISECONDS);
        LOG.log(Level.DEBUG, () -> "oidc-store GC every " + interval + " on "
                + (managed != null ? MANAGED_EXECUTOR : "a daemon thread"));
        return new GcScheduler(own, f);
    }

    private static void run(JpaGc gc) {
        try {
            JpaGcReport r = gc.collect();
            LOG.log(Level.DEBUG, () -> "oidc-store GC deleted " + r.total() + " expired records " + r.deleted());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "oidc-store GC sweep failed; the next one runs on schedule", e);
        }
    }

    private static ScheduledExecutorService managedExecutor() {
        try {
            Object o = new InitialContext().lookup(MANAGED_EXECUTOR);
            return o instanceof ScheduledExecutorService s ? s : null;
        } catch (NamingException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public void close() {
        future.cancel(false);
        if (own != null) {
            own.shutdownNow();
        }
    }
}
