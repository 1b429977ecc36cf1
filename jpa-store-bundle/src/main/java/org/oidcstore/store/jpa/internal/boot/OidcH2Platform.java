package org.oidcstore.store.jpa.internal.boot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.platform.database.H2Platform;

/** EclipseLink platform for H2 with the tier's time-zone-free timestamps ({@link PlatformSupport}). */
public class OidcH2Platform extends H2Platform {
    private static final long serialVersionUID = 1L;

    public OidcH2Platform() {
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
