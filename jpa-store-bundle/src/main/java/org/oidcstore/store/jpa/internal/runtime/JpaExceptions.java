package org.oidcstore.store.jpa.internal.runtime;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.persistence.exceptions.EclipseLinkException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.jpa.internal.JpaMessages;

/**
 * The one place where driver, JPA and JTA failures become {@link StoreException}s. The decision is
 * made from SQLState classes and vendor error codes of the {@link SQLException}s in the cause
 * chain, never from message text. The message names the substore and operation and the SQLState;
 * it never contains a bearer secret (statements only ever bind digests) nor a credential. The
 * original exception is kept as the cause.
 */
public final class JpaExceptions {

    /** What a failure means to the caller. */
    public enum Kind {
        DUPLICATE, RETRYABLE_CONFLICT, CONFLICT, UNAVAILABLE, INVALID_INPUT, OTHER
    }

    // MariaDB / MySQL vendor codes
    private static final Set<Integer> MARIADB_DUPLICATE = Set.of(1062, 1586, 1022);
    private static final Set<Integer> MARIADB_DEADLOCK = Set.of(1213);
    private static final Set<Integer> MARIADB_LOCK_TIMEOUT = Set.of(1205);
    /** 1406 data too long for column, 1264 out of range value for column (SQLState 22001 / 22003). */
    private static final Set<Integer> MARIADB_INVALID_INPUT = Set.of(1406, 1264);
    private static final Set<Integer> MARIADB_UNAVAILABLE = Set.of(1040, 1053, 1927, 2002, 2003, 2006, 2013);
    // H2 vendor codes (org.h2.api.ErrorCode)
    private static final int H2_DUPLICATE_KEY = 23505;
    private static final int H2_DEADLOCK = 40001;
    private static final int H2_CONCURRENT_UPDATE = 90131;
    private static final int H2_LOCK_TIMEOUT = 50200;
    /** VALUE_TOO_LONG_2, NUMERIC_VALUE_OUT_OF_RANGE_1, NUMERIC_VALUE_OUT_OF_RANGE_2. */
    private static final Set<Integer> H2_INVALID_INPUT = Set.of(22001, 22003, 22004);
    private static final Set<Integer> H2_UNAVAILABLE = Set.of(90067, 90098, 90121, 90020, 90028);

    private JpaExceptions() {
    }

    /**
     * Translates {@code failure} raised by {@code substore.operation}. Store exceptions, argument
     * errors and exceptions unrelated to persistence (for example thrown by caller work inside
     * {@code inTransaction}) pass through unchanged.
     */
    public static RuntimeException translate(String substore, String operation, Throwable failure) {
        if (failure instanceof StoreException s) {
            return s;
        }
        if (failure instanceof CorruptRowException corrupt) {
            return new StoreException(JpaMessages.CORRUPT_ROW + " " + prefix(substore, operation) + corrupt.getMessage()
                    + "; the row is damaged or was not written by this store (see the cause)", corrupt.getCause());
        }
        if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
            return (RuntimeException) failure;
        }
        SQLException sql = firstSql(failure);
        if (sql == null && !isPersistenceFailure(failure)) {
            return failure instanceof RuntimeException r ? r : new StoreException(prefix(substore, operation)
                    + "failed: " + failure.getClass().getSimpleName(), failure);
        }
        Kind kind = classify(failure);
        String where = prefix(substore, operation);
        String state = sql == null ? "" : " (SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode() + ")";
        return switch (kind) {
            case DUPLICATE -> new DuplicateRecordException(where + "a record with the same identifier exists" + state,
                    failure);
            case RETRYABLE_CONFLICT -> new RetryableConflictException(where
                    + "lost to a concurrent transaction (deadlock or serialization failure); retry" + state, failure);
            case CONFLICT -> new ConflictException(where + "lost to a concurrent transaction (lock timeout)" + state,
                    failure);
            case UNAVAILABLE -> new StoreUnavailableException(where + "database unavailable" + state, failure);
            // the engine refused a value for its column (SQLState 22001 / 22003): invalid input,
            // and the statement wrote nothing; the value itself is never quoted
            case INVALID_INPUT -> new IllegalArgumentException(where + "a value is too long or out of range for"
                    + " its column" + state, failure);
            case OTHER -> new StoreException(where + "failed: " + failure.getClass().getSimpleName() + state, failure);
        };
    }

    /** The meaning of the most specific SQLException in the cause chain. */
    public static Kind classify(Throwable failure) {
        for (SQLException e : sqlExceptions(failure)) {
            Kind k = classify(e);
            if (k != Kind.OTHER) {
                return k;
            }
        }
        return Kind.OTHER;
    }

    static Kind classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        // PostgreSQL unique_violation and H2 DUPLICATE_KEY_1 both report 23505; MariaDB says 23000 + 1062
        if (state.equals("23505") || code == H2_DUPLICATE_KEY
                || state.startsWith("23") && MARIADB_DUPLICATE.contains(code)) {
            return Kind.DUPLICATE;
        }
        if (state.equals("40001") || state.equals("40P01") || MARIADB_DEADLOCK.contains(code)
                || code == H2_DEADLOCK || code == H2_CONCURRENT_UPDATE) {
            return Kind.RETRYABLE_CONFLICT;
        }
        if (state.equals("55P03") || MARIADB_LOCK_TIMEOUT.contains(code) || code == H2_LOCK_TIMEOUT) {
            return Kind.CONFLICT;
        }
        if (state.equals("22001") || state.equals("22003") || MARIADB_INVALID_INPUT.contains(code)
                || H2_INVALID_INPUT.contains(code)) {
            return Kind.INVALID_INPUT;
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300") || state.equals("57014") || state.equals("HYT00")
                || e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException || e instanceof SQLTimeoutException
                || MARIADB_UNAVAILABLE.contains(code) || H2_UNAVAILABLE.contains(code)) {
            return Kind.UNAVAILABLE;
        }
        return Kind.OTHER;
    }

    private static String prefix(String substore, String operation) {
        return "jpa " + substore + "." + operation + ": ";
    }

    private static SQLException firstSql(Throwable failure) {
        var all = sqlExceptions(failure);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every SQLException reachable through causes and {@code getNextException()}, outermost first. */
    private static List<SQLException> sqlExceptions(Throwable failure) {
        List<SQLException> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            if (t instanceof SQLException s) {
                out.add(s);
                if (s.getNextException() != null) {
                    todo.add(s.getNextException());
                }
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            for (Throwable sup : t.getSuppressed()) {
                todo.add(sup);
            }
        }
        return out;
    }

    private static boolean isPersistenceFailure(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof PersistenceException || t instanceof EclipseLinkException
                    || t instanceof RollbackException || t instanceof HeuristicMixedException
                    || t instanceof HeuristicRollbackException || t instanceof SystemException) {
                return true;
            }
        }
        return false;
    }

    /** A deadlock or serialization failure: the transaction was rolled back and may be retried whole. */
    public static final class RetryableConflictException extends ConflictException {
        private static final long serialVersionUID = 1L;

        RetryableConflictException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
