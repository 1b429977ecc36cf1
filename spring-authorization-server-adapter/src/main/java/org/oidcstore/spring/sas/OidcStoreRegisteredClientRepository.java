package org.oidcstore.spring.sas;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * SAS's {@link RegisteredClientRepository} over the store's clients ({@link ClientRegistry}).
 *
 * <ul>
 *   <li>The store finds clients by {@code client_id} only, so a registered client's {@code id}
 *       must equal its {@code clientId} ({@link #save} refuses otherwise, and {@link #findById}
 *       is a lookup by client id).</li>
 *   <li>Secrets are stored as hashes only: a {@code {bcrypt}} encoded secret is stored as its
 *       {@code $2a$}/{@code $2b$}/{@code $2y$} hash and read back with the prefix; a
 *       {@code {noop}} (raw) secret is refused.</li>
 *   <li>Authentication methods, client and token settings the {@link Client} record has no field
 *       for are kept in its metadata under {@code sas.*} keys (the settings listed in
 *       {@code docs/spring-authorization-server.md}); other settings are not kept.</li>
 * </ul>
 */
public final class OidcStoreRegisteredClientRepository implements RegisteredClientRepository {
    private static final String BCRYPT = "{bcrypt}";
    private static final String AUTH_METHODS = "sas.client_authentication_methods";
    private static final String ISSUED_AT = "sas.client_id_issued_at";
    private static final String SECRET_EXPIRES_AT = "sas.client_secret_expires_at";
    private static final String PKCE = "sas.require_proof_key";
    private static final String CONSENT = "sas.require_authorization_consent";
    private static final String JWK_SET_URL = "sas.jwk_set_url";
    private static final String AUTH_SIGNING_ALG = "sas.token_endpoint_auth_signing_alg";
    private static final String CODE_TTL = "sas.authorization_code_ttl";
    private static final String AT_TTL = "sas.access_token_ttl";
    private static final String AT_FORMAT = "sas.access_token_format";
    private static final String RT_TTL = "sas.refresh_token_ttl";
    private static final String REUSE_RT = "sas.reuse_refresh_tokens";
    private static final String ID_ALG = "sas.id_token_signature_algorithm";

    private final OidcStore store;

    public OidcStoreRegisteredClientRepository(OidcStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void save(RegisteredClient rc) {
        Objects.requireNonNull(rc, "registeredClient");
        if (!rc.getId().equals(rc.getClientId())) {
            throw new IllegalArgumentException("registered client id '" + rc.getId() + "' must equal its client id '"
                    + rc.getClientId() + "': the store finds clients by client id only");
        }
        Client client = toClient(rc);
        ClientRegistry registry = registry();
        if (!registry.update(client)) {
            registry.register(client);
        }
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (!org.oidcstore.store.spi.Arguments.isStorableId(clientId)) {
            return null;
        }
        return store.clients().find(clientId).map(OidcStoreRegisteredClientRepository::toRegisteredClient)
                .orElse(null);
    }

    private ClientRegistry registry() {
        Optional<ClientRegistry> r = store.extension(StoreKind.CLIENTS, ClientRegistry.class);
        return r.orElseThrow(() -> new IllegalStateException("the store's clients are read-only (no ClientRegistry)"));
    }

    static Client toClient(RegisteredClient rc) {
        String secret = rc.getClientSecret();
        String hash = null;
        if (secret != null) {
            if (!secret.startsWith(BCRYPT)) {
                throw new IllegalArgumentException("client " + rc.getClientId()
                        + ": only {bcrypt} encoded secrets can be stored (the store keeps hashes, never raw secrets)");
            }
            hash = secret.substring(BCRYPT.length());
        }
        List<String> methods = rc.getClientAuthenticationMethods().stream().map(ClientAuthenticationMethod::getValue)
                .sorted().toList();
        boolean publicClient = hash == null && methods.equals(List.of(ClientAuthenticationMethod.NONE.getValue()));
        Map<String, String> md = new LinkedHashMap<>();
        md.put(AUTH_METHODS, String.join(" ", methods));
        put(md, ISSUED_AT, rc.getClientIdIssuedAt());
        put(md, SECRET_EXPIRES_AT, rc.getClientSecretExpiresAt());
        ClientSettings cs = rc.getClientSettings();
        md.put(PKCE, Boolean.toString(cs.isRequireProofKey()));
        md.put(CONSENT, Boolean.toString(cs.isRequireAuthorizationConsent()));
        put(md, JWK_SET_URL, cs.getJwkSetUrl());
        put(md, AUTH_SIGNING_ALG, cs.getTokenEndpointAuthenticationSigningAlgorithm() == null ? null
                : cs.getTokenEndpointAuthenticationSigningAlgorithm().getName());
        TokenSettings ts = rc.getTokenSettings();
        md.put(CODE_TTL, ts.getAuthorizationCodeTimeToLive().toString());
        md.put(AT_TTL, ts.getAccessTokenTimeToLive().toString());
        md.put(AT_FORMAT, ts.getAccessTokenFormat().getValue());
        md.put(RT_TTL, ts.getRefreshTokenTimeToLive().toString());
        md.put(REUSE_RT, Boolean.toString(ts.isReuseRefreshTokens()));
        put(md, ID_ALG, ts.getIdTokenSignatureAlgorithm() == null ? null : ts.getIdTokenSignatureAlgorithm().getName());
        return Client.builder(rc.getClientId()).secretHash(hash).redirectUris(rc.getRedirectUris())
                .postLogoutRedirectUris(rc.getPostLogoutRedirectUris())
                .grantTypes(rc.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue)
                        .collect(Collectors.toCollection(TreeSet::new)))
                .responseTypes(rc.getAuthorizationGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE)
                        ? List.of("code") : List.of())
                .scopes(rc.getScopes()).tokenEndpointAuthMethod(methods.isEmpty() ? null : methods.get(0))
                .publicClient(publicClient).source(ClientSource.ADMIN).clientName(rc.getClientName()).metadata(md)
                .build();
    }

    static RegisteredClient toRegisteredClient(Client c) {
        Map<String, String> md = c.metadata();
        RegisteredClient.Builder b = RegisteredClient.withId(c.clientId()).clientId(c.clientId())
                .clientSecret(c.secretHash() == null ? null : BCRYPT + c.secretHash())
                .clientName(c.clientName() == null ? c.clientId() : c.clientName())
                .redirectUris(s -> s.addAll(c.redirectUris()))
                .postLogoutRedirectUris(s -> s.addAll(c.postLogoutRedirectUris())).scopes(s -> s.addAll(c.scopes()))
                .authorizationGrantTypes(s -> c.grantTypes().forEach(g -> s.add(new AuthorizationGrantType(g))));
        String methods = md.getOrDefault(AUTH_METHODS, c.tokenEndpointAuthMethod() == null ? ""
                : c.tokenEndpointAuthMethod());
        for (String m : methods.split(" ")) {
            if (!m.isEmpty()) {
                b.clientAuthenticationMethod(new ClientAuthenticationMethod(m));
            }
        }
        get(md, ISSUED_AT).map(Instant::parse).ifPresent(b::clientIdIssuedAt);
        get(md, SECRET_EXPIRES_AT).map(Instant::parse).ifPresent(b::clientSecretExpiresAt);
        ClientSettings.Builder cs = ClientSettings.builder();
        get(md, PKCE).map(Boolean::parseBoolean).ifPresent(cs::requireProofKey);
        get(md, CONSENT).map(Boolean::parseBoolean).ifPresent(cs::requireAuthorizationConsent);
        get(md, JWK_SET_URL).ifPresent(cs::jwkSetUrl);
        get(md, AUTH_SIGNING_ALG).map(OidcStoreRegisteredClientRepository::jwsAlgorithm)
                .ifPresent(cs::tokenEndpointAuthenticationSigningAlgorithm);
        TokenSettings.Builder ts = TokenSettings.builder();
        get(md, CODE_TTL).map(Duration::parse).ifPresent(ts::authorizationCodeTimeToLive);
        get(md, AT_TTL).map(Duration::parse).ifPresent(ts::accessTokenTimeToLive);
        get(md, AT_FORMAT).map(OAuth2TokenFormat::new).ifPresent(ts::accessTokenFormat);
        get(md, RT_TTL).map(Duration::parse).ifPresent(ts::refreshTokenTimeToLive);
        get(md, REUSE_RT).map(Boolean::parseBoolean).ifPresent(ts::reuseRefreshTokens);
        get(md, ID_ALG).map(SignatureAlgorithm::from).ifPresent(ts::idTokenSignatureAlgorithm);
        return b.clientSettings(cs.build()).tokenSettings(ts.build()).build();
    }

    /** {@code private_key_jwt} signs with a signature algorithm, {@code client_secret_jwt} with a MAC. */
    private static JwsAlgorithm jwsAlgorithm(String name) {
        SignatureAlgorithm signature = SignatureAlgorithm.from(name);
        return signature != null ? signature : MacAlgorithm.from(name);
    }

    private static void put(Map<String, String> md, String key, Object value) {
        if (value != null) {
            md.put(key, value.toString());
        }
    }

    private static Optional<String> get(Map<String, String> md, String key) {
        return Optional.ofNullable(md.get(key));
    }

    static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }
}
