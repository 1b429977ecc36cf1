package org.oidcstore.store.tck.reference;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The reference backend's engine: the tables of every kind (rows by key) under one lock.
 *
 * <p>Every operation runs whole while it holds the lock, so each decision it takes (a consume, a
 * compare-and-swap, a version check, a duplicate check) is one atomic step, as a conditional
 * statement is in a database: no read-then-write can interleave with another caller's. A
 * transaction holds the lock from its start to its end and works on a copy of the tables, which
 * its end keeps (commit) or drops (rollback, or an exception). Transactions therefore run one
 * after the other, the simplest isolation that is obviously right; other threads' operations wait
 * for them. Operations check everything before they change a row, so one that throws has written
 * nothing.
 *
 * <p>Rows are immutable records; a change replaces the row. That is what makes the shallow copy of
 * a transaction a full snapshot.
 */
final class ReferenceData {

    /** A named table whose rows are of type {@code V}. */
    record Table<V>(String name) {
    }

    /**
     * The order engines give identifiers under a binary collation: the unsigned order of their
     * UTF-8 bytes (which is also code point order, unlike {@link String#compareTo} on UTF-16).
     */
    static final Comparator<String> BINARY = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
            b.getBytes(StandardCharsets.UTF_8));

    private final ReentrantLock lock = new ReentrantLock();
    private Map<String, Map<String, Object>> tables = new TreeMap<>();
    /** Whether the lock holder is inside a transaction (only the lock holder reads or writes it). */
    private boolean inTransaction;

    /** Runs {@code op} as one atomic step and returns what it returns. */
    <T> T call(Supplier<T> op) {
        lock.lock();
        try {
            return op.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code op} as one atomic step. */
    void run(Runnable op) {
        call(() -> {
            op.run();
            return null;
        });
    }

    /** The rows of {@code table}, to read or change inside {@link #call} or {@link #run}. */
    @SuppressWarnings("unchecked")
    <V> Map<String, V> rows(Table<V> table) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("rows are read and written inside call or run only");
        }
        return (Map<String, V>) tables.computeIfAbsent(table.name(), n -> new TreeMap<>());
    }

    /**
     * Erasure of a subject as one atomic step: deletes the rows of {@code table} that {@code match},
     * and answers how many of them {@code counted} accepts (the kinds that may live on a volatile tier
     * do not count expired records). Joins the caller's transaction, like every operation.
     */
    <V> int erase(Table<V> table, java.util.function.Predicate<V> match, java.util.function.Predicate<V> counted) {
        return call(() -> {
            int n = 0;
            for (java.util.Iterator<V> it = rows(table).values().iterator(); it.hasNext(); ) {
                V row = it.next();
                if (match.test(row)) {
                    n += counted.test(row) ? 1 : 0;
                    it.remove();
                }
            }
            return n;
        });
    }

    /**
     * Runs {@code work} in one transaction and commits it; an exception drops everything it wrote
     * and propagates. Inside a transaction of the same thread, {@code work} joins it.
     */
    <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            if (inTransaction) {
                return work.get();
            }
            Map<String, Map<String, Object>> committed = tables;
            tables = copy(committed);
            inTransaction = true;
            boolean done = false;
            try {
                T result = work.get();
                done = true;
                return result;
            } finally {
                inTransaction = false;
                if (!done) {
                    tables = committed;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction and then drops everything it wrote. */
    void rollback(Runnable work) {
        lock.lock();
        try {
            if (inTransaction) {
                throw new IllegalStateException("a transaction to roll back cannot be nested in another one");
            }
            Map<String, Map<String, Object>> committed = tables;
            tables = copy(committed);
            inTransaction = true;
            try {
                work.run();
            } finally {
                inTransaction = false;
                tables = committed;
            }
        } finally {
            lock.unlock();
        }
    }

    private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> tables) {
        Map<String, Map<String, Object>> copy = new TreeMap<>();
        tables.forEach((name, rows) -> copy.put(name, new TreeMap<>(rows)));
        return copy;
    }

    /**
     * Everything held, as text: every key, and every component of every row (records are rendered
     * component by component, never through their redacting {@code toString}).
     */
    List<String> dump() {
        return call(() -> {
            List<String> out = new ArrayList<>();
            for (Map<String, Object> rows : tables.values()) {
                rows.forEach((key, row) -> {
                    out.add(key);
                    render(row, out);
                });
            }
            return out;
        });
    }

    private static void render(Object value, List<String> out) {
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    render(c.getAccessor().invoke(r), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                out.add(String.valueOf(k));
                render(v, out);
            });
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> render(v, out));
        } else if (value instanceof byte[] b) {
            out.add(new String(b, StandardCharsets.UTF_8));
        } else {
            out.add(String.valueOf(value));
        }
    }
}
