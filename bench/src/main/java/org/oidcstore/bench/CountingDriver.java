package org.oidcstore.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The PostgreSQL driver with every statement the client sends counted, for {@link StatementProbe}
 * on PostgreSQL (which has no per-session statement counters without {@code pg_stat_statements}
 * preloaded): each {@code execute*} of a statement, by its first keyword, and each
 * {@code commit}/{@code rollback}. With auto-commit off the PostgreSQL driver sends {@code BEGIN}
 * in the same message flow as the first statement, so these are the round trips. Only the probe's
 * one-connection pools use it, never the timed contenders.
 */
public final class CountingDriver implements Driver {
    static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private final Driver delegate = new org.postgresql.Driver();

    /** A copy of the counters: statements by kind ({@code select}, {@code insert}, ..., {@code commit}). */
    static Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        COUNTS.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    private static void count(String kind) {
        COUNTS.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static String kind(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end).toLowerCase(Locale.ROOT);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection c = delegate.connect(url, info);
        return c == null ? null : wrap(Connection.class, c, null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(Class<T> type, T target, String sql) {
        InvocationHandler h = (proxy, m, args) -> {
            String name = m.getName();
            if (target instanceof Connection) {
                if ((name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0)
                        && ((Connection) target).unwrap(org.postgresql.core.BaseConnection.class)
                                .getTransactionState() != org.postgresql.core.TransactionState.IDLE) {
                    count(name); // the driver sends nothing for either outside a transaction
                }
            } else if (name.startsWith("execute")) {
                count(args != null && args.length > 0 && args[0] instanceof String s ? kind(s) : kind(sql));
            }
            Object r;
            try {
                r = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (target instanceof Connection && r instanceof Statement st) {
                String text = args != null && args.length > 0 && args[0] instanceof String s ? s : "";
                Class<?> iface = name.equals("prepareCall") ? java.sql.CallableStatement.class
                        : name.equals("prepareStatement") ? java.sql.PreparedStatement.class : Statement.class;
                return wrap((Class<Object>) iface, st, text);
            }
            return r;
        };
        return (T) Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return delegate.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return delegate.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return delegate.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return delegate.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }
}
