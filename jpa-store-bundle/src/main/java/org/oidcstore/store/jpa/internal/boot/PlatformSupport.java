package org.oidcstore.store.jpa.internal.boot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import org.eclipse.persistence.internal.databaseaccess.DatabasePlatform;

/**
 * What the three EclipseLink platforms of the tier change, shared.
 *
 * <p>EclipseLink 4.0 binds a {@link LocalDateTime} through {@code Timestamp.valueOf} and reads
 * timestamps with {@code getTimestamp}; both interpret the wall-clock value in the JVM's default
 * time zone, which shifts values that fall into a daylight-saving gap of that zone. The tier
 * stores UTC wall-clock values, so it binds and reads them as {@code LocalDateTime} through
 * JDBC 4.2 {@code setObject} / {@code getObject}, which involve no time zone at all.
 *
 * <p>EclipseLink also right-trims strings read from the database by default; identifiers and
 * redirect URIs must round-trip exactly, so trimming is off.
 */
final class PlatformSupport {
    private PlatformSupport() {
    }

    static void configure(DatabasePlatform platform) {
        platform.setShouldTrimStrings(false);
        platform.setShouldBindAllParameters(true);
    }

    /** @return whether the parameter was bound here */
    static boolean bind(Object parameter, PreparedStatement statement, int index) throws SQLException {
        if (parameter instanceof LocalDateTime) {
            statement.setObject(index, parameter);
            return true;
        }
        return false;
    }

    static boolean isTimestamp(int type) {
        return type == Types.TIMESTAMP;
    }

    static Object readTimestamp(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }
}
