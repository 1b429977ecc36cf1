package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.oidcstore.store.jpa.internal.row.ClientRow;

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

    /** The row's values, decoded as every read of the table decodes them. */
    public ClientRow row() {
        return new ClientRow(clientId, secretHash, redirectUris, postLogoutRedirectUris, grantTypes, responseTypes,
                scopes, tokenEndpointAuthMethod, publicClient, source, jwksUri, jwks, backchannelLogoutUri,
                backchannelLogoutSessionRequired, clientName, metadata);
    }

    /** Replaces every attribute but the identifier (a managed entity: the update is EclipseLink's flush). */
    public void copyFrom(ClientRow c) {
        secretHash = c.secretHash();
        redirectUris = c.redirectUris();
        postLogoutRedirectUris = c.postLogoutRedirectUris();
        grantTypes = c.grantTypes();
        responseTypes = c.responseTypes();
        scopes = c.scopes();
        tokenEndpointAuthMethod = c.tokenEndpointAuthMethod();
        publicClient = c.publicClient();
        source = c.source();
        jwksUri = c.jwksUri();
        jwks = c.jwks();
        backchannelLogoutUri = c.backchannelLogoutUri();
        backchannelLogoutSessionRequired = c.backchannelLogoutSessionRequired();
        clientName = c.clientName();
        metadata = c.metadata();
    }
}
