package org.oidcstore.store;

import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registered OAuth client.
 *
 * <p>{@code secretHash} is never a raw secret: it must be in modular-crypt form of a known
 * password-hashing scheme ({@link #SECRET_HASH_SCHEMES}: PBKDF2 as produced by
 * {@code org.oidcstore.store.spi.ClientSecrets}, or Argon2, bcrypt and scrypt hashes a provider
 * migrates from elsewhere); anything else (e.g. {@code $plain$…}) is refused. Public clients
 * carry no secret. {@code toString()} shows neither the secret hash nor the inline JWK Set. Redirect URIs are
 * compared by exact string match (RFC 9700 §4.1.3), so they are kept as strings, not normalised.
 * {@code metadata} holds further registered metadata (RFC 7591) by name, each value as JSON text.
 *
 * @param clientId the client identifier
 * @param secretHash hash of the client secret, or {@code null} for public clients and clients
 *     that authenticate with keys
 * @param redirectUris registered redirect URIs (exact match)
 * @param postLogoutRedirectUris registered post-logout redirect URIs (exact match)
 * @param grantTypes allowed grant types
 * @param responseTypes allowed response types
 * @param scopes scopes the client may request
 * @param tokenEndpointAuthMethod e.g. {@code client_secret_basic}, {@code private_key_jwt}, {@code none}
 * @param publicClient whether the client is public (no secret)
 * @param source where the record came from
 * @param jwksUri the client's JWK Set URI, or {@code null}
 * @param jwks the client's inline JWK Set as JSON text, or {@code null}
 * @param backchannelLogoutUri the back-channel logout URI, or {@code null}
 * @param backchannelLogoutSessionRequired whether logout tokens must carry {@code sid}
 * @param clientName human-readable name, or {@code null}
 * @param metadata further registered metadata, values as JSON text
 */
public record Client(
        String clientId,
        String secretHash,
        Set<String> redirectUris,
        Set<String> postLogoutRedirectUris,
        Set<String> grantTypes,
        Set<String> responseTypes,
        Set<String> scopes,
        String tokenEndpointAuthMethod,
        boolean publicClient,
        ClientSource source,
        URI jwksUri,
        String jwks,
        URI backchannelLogoutUri,
        boolean backchannelLogoutSessionRequired,
        String clientName,
        Map<String, String> metadata) {

    /**
     * The modular-crypt schemes {@code secretHash} may use: {@code pbkdf2-sha256},
     * {@code pbkdf2-sha512}, {@code argon2id}, {@code argon2i}, {@code 2a}, {@code 2b},
     * {@code 2y} (bcrypt) and {@code scrypt}.
     */
    public static final Set<String> SECRET_HASH_SCHEMES = Set.of("pbkdf2-sha256", "pbkdf2-sha512", "argon2id",
            "argon2i", "2a", "2b", "2y", "scrypt");

    private static final Pattern MODULAR_CRYPT = Pattern.compile("^\\$([a-z0-9-]{2,32})\\$[\\x21-\\x7e]{8,}$");

    public Client {
        Checks.id(clientId, "clientId");
        if (secretHash != null) {
            Checks.text(secretHash, "secretHash");
            java.util.regex.Matcher m = MODULAR_CRYPT.matcher(secretHash);
            if (!m.matches() || !SECRET_HASH_SCHEMES.contains(m.group(1))) {
                throw new IllegalArgumentException("secretHash is not a hash of a known scheme "
                        + new java.util.TreeSet<>(SECRET_HASH_SCHEMES)
                        + " in $scheme$... form; hash the secret with ClientSecrets.hash(..), never store it raw");
            }
        }
        if (publicClient && secretHash != null) {
            throw new IllegalArgumentException("public client " + clientId + " must not have a secret");
        }
        if (jwksUri != null && jwks != null) {
            throw new IllegalArgumentException("client " + clientId + " has both jwks_uri and jwks; use one");
        }
        Checks.text(tokenEndpointAuthMethod, "tokenEndpointAuthMethod");
        Checks.uri(jwksUri, "jwksUri");
        org.oidcstore.store.spi.Arguments.text(jwks, "jwks", Limits.MAX_JWKS_LENGTH);
        Checks.uri(backchannelLogoutUri, "backchannelLogoutUri");
        Checks.text(clientName, "clientName");
        redirectUris = Checks.set(redirectUris, "redirectUris");
        postLogoutRedirectUris = Checks.set(postLogoutRedirectUris, "postLogoutRedirectUris");
        grantTypes = Checks.set(grantTypes, "grantTypes");
        responseTypes = Checks.set(responseTypes, "responseTypes");
        scopes = Checks.set(scopes, "scopes");
        source = Checks.required(source, "source");
        metadata = Checks.map(metadata, "metadata");
    }

    /** Shows neither the secret hash (an offline-crackable verifier) nor the inline JWK Set. */
    @Override
    public String toString() {
        return "Client[clientId=" + clientId + ", secretHash=" + Checks.redacted(secretHash) + ", redirectUris="
                + redirectUris + ", postLogoutRedirectUris=" + postLogoutRedirectUris + ", grantTypes=" + grantTypes
                + ", responseTypes=" + responseTypes + ", scopes=" + scopes + ", tokenEndpointAuthMethod="
                + tokenEndpointAuthMethod + ", publicClient=" + publicClient + ", source=" + source + ", jwksUri="
                + jwksUri + ", jwks=" + (jwks == null ? "null" : "<" + jwks.length() + " chars>")
                + ", backchannelLogoutUri=" + backchannelLogoutUri + ", backchannelLogoutSessionRequired="
                + backchannelLogoutSessionRequired + ", clientName=" + clientName + ", metadata=" + metadata.keySet()
                + "]";
    }

    /** Whether {@code uri} is one of the registered redirect URIs, by exact string comparison. */
    public boolean allowsRedirectUri(String uri) {
        return uri != null && redirectUris.contains(uri);
    }

    public static Builder builder(String clientId) {
        return new Builder().clientId(clientId);
    }

    public Builder toBuilder() {
        return new Builder().clientId(clientId).secretHash(secretHash).redirectUris(redirectUris)
                .postLogoutRedirectUris(postLogoutRedirectUris).grantTypes(grantTypes)
                .responseTypes(responseTypes).scopes(scopes).tokenEndpointAuthMethod(tokenEndpointAuthMethod)
                .publicClient(publicClient).source(source).jwksUri(jwksUri).jwks(jwks)
                .backchannelLogoutUri(backchannelLogoutUri)
                .backchannelLogoutSessionRequired(backchannelLogoutSessionRequired).clientName(clientName)
                .metadata(metadata);
    }

    /** Builder; {@code source} defaults to {@link ClientSource#ADMIN}. */
    public static final class Builder {
        private String clientId;
        private String secretHash;
        private Collection<String> redirectUris;
        private Collection<String> postLogoutRedirectUris;
        private Collection<String> grantTypes;
        private Collection<String> responseTypes;
        private Collection<String> scopes;
        private String tokenEndpointAuthMethod;
        private boolean publicClient;
        private ClientSource source = ClientSource.ADMIN;
        private URI jwksUri;
        private String jwks;
        private URI backchannelLogoutUri;
        private boolean backchannelLogoutSessionRequired;
        private String clientName;
        private Map<String, String> metadata;

        private Builder() {
        }

        public Builder clientId(String v) { clientId = v; return this; }
        public Builder secretHash(String v) { secretHash = v; return this; }
        public Builder redirectUris(Collection<String> v) { redirectUris = v; return this; }
        public Builder postLogoutRedirectUris(Collection<String> v) { postLogoutRedirectUris = v; return this; }
        public Builder grantTypes(Collection<String> v) { grantTypes = v; return this; }
        public Builder responseTypes(Collection<String> v) { responseTypes = v; return this; }
        public Builder scopes(Collection<String> v) { scopes = v; return this; }
        public Builder tokenEndpointAuthMethod(String v) { tokenEndpointAuthMethod = v; return this; }
        public Builder publicClient(boolean v) { publicClient = v; return this; }
        public Builder source(ClientSource v) { source = v; return this; }
        public Builder jwksUri(URI v) { jwksUri = v; return this; }
        public Builder jwks(String v) { jwks = v; return this; }
        public Builder backchannelLogoutUri(URI v) { backchannelLogoutUri = v; return this; }
        public Builder backchannelLogoutSessionRequired(boolean v) { backchannelLogoutSessionRequired = v; return this; }
        public Builder clientName(String v) { clientName = v; return this; }
        public Builder metadata(Map<String, String> v) { metadata = v; return this; }

        public Client build() {
            return new Client(clientId, secretHash, Checks.asSet(redirectUris, "redirectUris"),
                    Checks.asSet(postLogoutRedirectUris, "postLogoutRedirectUris"), Checks.asSet(grantTypes, "grantTypes"),
                    Checks.asSet(responseTypes, "responseTypes"), Checks.asSet(scopes, "scopes"),
                    tokenEndpointAuthMethod, publicClient, source, jwksUri, jwks, backchannelLogoutUri,
                    backchannelLogoutSessionRequired, clientName, metadata);
        }
    }
}
