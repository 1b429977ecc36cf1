package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.oidcstore.store.Grant;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_grant}: the insert and the versioned update run over plain JDBC (see
 * {@code TxRunner.sql}) and bind these values; reads through the entity decode the same way.
 *
 * @param scopes the JSON text of the scopes, as stored
 * @param resources the JSON text of the resources, as stored
 * @param expiresAt {@code null}: the grant never expires
 */
public record GrantRow(String grantId, String subject, String clientId, String scopes, String resources,
        Instant createdAt, Instant updatedAt, Instant expiresAt, long version) {

    /** Every column, in the order {@link #bind} binds them. */
    public static final String COLUMNS = "grant_id, subject, client_id, scopes, resources, created_at, updated_at,"
            + " expires_at, version";
    public static final int COLUMN_COUNT = 9;

    public static GrantRow of(Grant g, long version) {
        return new GrantRow(g.grantId(), g.subject(), g.clientId(), Json.array(g.scopes()), Json.array(g.resources()),
                g.createdAt(), g.updatedAt(), g.expiresAt(), version);
    }

    /** Binds every column, in {@link #COLUMNS} order, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, grantId);
        ps.setString(2, subject);
        ps.setString(3, clientId);
        ps.setString(4, scopes);
        ps.setString(5, resources);
        Sql.setInstant(ps, 6, createdAt);
        Sql.setInstant(ps, 7, updatedAt);
        Sql.setInstant(ps, 8, expiresAt);
        ps.setLong(9, version);
    }

    public Grant toRecord() {
        return CorruptRowException.decode("oidc_grant", () ->
                Grant.builder().grantId(grantId).subject(subject).clientId(clientId).scopes(Json.set(scopes))
                    .resources(Json.list(resources)).createdAt(createdAt).updatedAt(updatedAt).expiresAt(expiresAt)
                    .version(version).build());
    }
}
