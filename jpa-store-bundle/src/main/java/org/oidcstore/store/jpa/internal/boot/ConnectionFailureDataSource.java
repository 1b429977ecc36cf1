package org.oidcstore.store.jpa.internal.boot;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps the Java SE pool so that a failure to <em>obtain</em> a connection (pool exhausted past
 * its acquisition timeout, server down, refused login) always carries SQLState class 08: Agroal
 * reports an acquisition timeout as a plain {@link SQLException} without SQLState, and the tier
 * classifies by SQLState only. Where it failed decides the meaning, not the message.
 */
final class ConnectionFailureDataSource implements DataSource, AutoCloseable {
    private final DataSource delegate;
    private final Runnable closer;

    ConnectionFailureDataSource(DataSource delegate, Runnable closer) {
        this.delegate = delegate;
        this.closer = closer;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return delegate.getConnection();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        try {
            return delegate.getConnection(username, password);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static SQLException unavailable(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            return e;
        }
        return new SQLTransientConnectionException("could not obtain a database connection", "08001", e);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public void close() {
        closer.run();
    }
}
