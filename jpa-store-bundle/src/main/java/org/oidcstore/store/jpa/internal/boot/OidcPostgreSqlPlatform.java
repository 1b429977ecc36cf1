package org.oidcstore.store.jpa.internal.boot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.platform.database.PostgreSQLPlatform;

/** EclipseLink platform for PostgreSQL with the tier's time-zone-free timestamps ({@link PlatformSupport}). */
public class OidcPostgreSqlPlatform extends PostgreSQLPlatform {
    private static final long serialVersionUID = 1L;

    public OidcPostgreSqlPlatform() {
        PlatformSupport.configure(this);
    }

    /** Off for good: the optimized path reads timestamps with {@code getTimestamp} (see {@link PlatformSupport}). */
    @Override
    public boolean shouldOptimizeDataConversion() {
        return false;
    }

    @Override
    public void setParameterValueInDatabaseCall(Object parameter, PreparedStatement statement, int index,
            AbstractSession session) throws SQLException {
        if (!PlatformSupport.bind(parameter, statement, index)) {
            super.setParameterValueInDatabaseCall(parameter, statement, index, session);
        }
    }

    @Override
    public Object getObjectFromResultSet(ResultSet resultSet, int columnNumber, int type, AbstractSession session)
            throws SQLException {
        return PlatformSupport.isTimestamp(type) ? PlatformSupport.readTimestamp(resultSet, columnNumber)
                : super.getObjectFromResultSet(resultSet, columnNumber, type, session);
    }
}
