package org.oidcstore.store.jpa.internal.row;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_client}: what the plain-JDBC insert binds (see {@code TxRunner.sql}: a
 * duplicate key must reach the caller as {@code DuplicateRecordException} without EclipseLink
 * logging its stack trace at WARNING), what an update copies into the managed entity, and how a
 * read decodes. Collection columns are the stored JSON text.
 */
public record ClientRow(String clientId, String secretHash, String redirectUris, String postLogoutRedirectUris,
        String grantTypes, String responseTypes, String scopes, String tokenEndpointAuthMethod, boolean publicClient,
        String source, String jwksUri, String jwks, String backchannelLogoutUri,
        boolean backchannelLogoutSessionRequired, String clientName, String metadata) {

    /** The plain-JDBC insert. */
    public static final String INSERT = "INSERT INTO oidc_client (client_id, secret_hash, redirect_uris,"
            + " post_logout_redirect_uris, grant_types, response_types, scopes, token_endpoint_auth_method,"
            + " public_client, source, jwks_uri, jwks, backchannel_logout_uri, backchannel_logout_session_required,"
            + " client_name, metadata) VALUES (" + Sql.marks(16) + ")";

    public static ClientRow of(Client c) {
        return new ClientRow(c.clientId(), c.secretHash(), Json.array(c.redirectUris()),
                Json.array(c.postLogoutRedirectUris()), Json.array(c.grantTypes()), Json.array(c.responseTypes()),
                Json.array(c.scopes()), c.tokenEndpointAuthMethod(), c.publicClient(), c.source().name(),
                c.jwksUri() == null ? null : c.jwksUri().toString(), c.jwks(),
                c.backchannelLogoutUri() == null ? null : c.backchannelLogoutUri().toString(),
                c.backchannelLogoutSessionRequired(), c.clientName(), Json.object(c.metadata()));
    }

    /** Binds the columns of {@link #INSERT}, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, clientId);
        Sql.setString(ps, 2, secretHash);
        ps.setString(3, redirectUris);
        ps.setString(4, postLogoutRedirectUris);
        ps.setString(5, grantTypes);
        ps.setString(6, responseTypes);
        ps.setString(7, scopes);
        Sql.setString(ps, 8, tokenEndpointAuthMethod);
        ps.setBoolean(9, publicClient);
        ps.setString(10, source);
        Sql.setString(ps, 11, jwksUri);
        Sql.setString(ps, 12, jwks);
        Sql.setString(ps, 13, backchannelLogoutUri);
        ps.setBoolean(14, backchannelLogoutSessionRequired);
        Sql.setString(ps, 15, clientName);
        ps.setString(16, metadata);
    }

    public Client toRecord() {
        return CorruptRowException.decode("oidc_client", () ->
                new Client(clientId, secretHash, Json.set(redirectUris), Json.set(postLogoutRedirectUris),
                    Json.set(grantTypes), Json.set(responseTypes), Json.set(scopes), tokenEndpointAuthMethod,
                    publicClient, source(source), uri(jwksUri), jwks, uri(backchannelLogoutUri),
                    backchannelLogoutSessionRequired, clientName, Json.map(metadata)));
    }

    /** The JDK's parse failures quote the value; these name only what failed. */
    private static ClientSource source(String name) {
        for (ClientSource s : ClientSource.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown client source");
    }

    private static URI uri(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unparsable URI column at index " + e.getIndex());
        }
    }
}
