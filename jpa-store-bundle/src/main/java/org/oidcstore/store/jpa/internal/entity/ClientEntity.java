package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/** A registered client ({@code oidc_client}). */
@Entity
@Table(name = "oidc_client")
public class ClientEntity {
    @Id
    @Column(name = "client_id")
    String clientId;
    @Column(name = "secret_hash")
    String secretHash;
    @Column(name = "redirect_uris")
    String redirectUris;
    @Column(name = "post_logout_redirect_uris")
    String postLogoutRedirectUris;
    @Column(name = "grant_types")
    String grantTypes;
    @Column(name = "response_types")
    String responseTypes;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "token_endpoint_auth_method")
    String tokenEndpointAuthMethod;
    @Column(name = "public_client")
    boolean publicClient;
    @Column(name = "source")
    String source;
    @Column(name = "jwks_uri")
    String jwksUri;
    @Column(name = "jwks")
    String jwks;
    @Column(name = "backchannel_logout_uri")
    String backchannelLogoutUri;
    @Column(name = "backchannel_logout_session_required")
    boolean backchannelLogoutSessionRequired;
    @Column(name = "client_name")
    String clientName;
    @Column(name = "metadata")
    String metadata;

    protected ClientEntity() {
    }

    public static ClientEntity of(Client c) {
        ClientEntity e = new ClientEntity();
        e.clientId = c.clientId();
        e.copyFrom(c);
        return e;
    }

    /**
     * The plain-JDBC insert of this row (see {@code TxRunner.sql}): a duplicate key must reach the caller
     * as {@code DuplicateRecordException} without EclipseLink logging its stack trace at WARNING.
     */
    public static final String INSERT = "INSERT INTO oidc_client (client_id, secret_hash, redirect_uris,"
            + " post_logout_redirect_uris, grant_types, response_types, scopes, token_endpoint_auth_method,"
            + " public_client, source, jwks_uri, jwks, backchannel_logout_uri, backchannel_logout_session_required,"
            + " client_name, metadata) VALUES (" + Sql.marks(16) + ")";

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

    /** Replaces every attribute but the identifier. */
    public void copyFrom(Client c) {
        secretHash = c.secretHash();
        redirectUris = Json.array(c.redirectUris());
        postLogoutRedirectUris = Json.array(c.postLogoutRedirectUris());
        grantTypes = Json.array(c.grantTypes());
        responseTypes = Json.array(c.responseTypes());
        scopes = Json.array(c.scopes());
        tokenEndpointAuthMethod = c.tokenEndpointAuthMethod();
        publicClient = c.publicClient();
        source = c.source().name();
        jwksUri = c.jwksUri() == null ? null : c.jwksUri().toString();
        jwks = c.jwks();
        backchannelLogoutUri = c.backchannelLogoutUri() == null ? null : c.backchannelLogoutUri().toString();
        backchannelLogoutSessionRequired = c.backchannelLogoutSessionRequired();
        clientName = c.clientName();
        metadata = Json.object(c.metadata());
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
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("unparsable URI column at index " + e.getIndex());
        }
    }
}
