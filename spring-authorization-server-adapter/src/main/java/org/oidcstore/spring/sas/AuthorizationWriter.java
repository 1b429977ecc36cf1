package org.oidcstore.spring.sas;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.Limits;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.spi.Arguments;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Turns a SAS {@code save} into store operations: what changed is read from the aggregate against
 * the value it was looked up by ({@link SasKeys#PRESENTED_ATTRIBUTES}). The durable writes (code,
 * refresh token, access token and the authorization's context with its ID-token binding) run in
 * one {@link OidcStore#inIdempotentTransaction} (the transactional cluster; run again whole when it
 * loses a deadlock), so a losing redemption leaves nothing behind and a committed token never
 * lacks its context. Only the {@code state} index goes
 * to the volatile tier, after the commit.
 */
final class AuthorizationWriter {
    /** How long a grant revocation is kept for resource servers checking it. */
    private static final Duration REVOCATION_RETENTION = Duration.ofDays(1);

    private final OidcStore store;
    private final RegisteredClientRepository clients;
    private final Clock clock;
    private final Duration minContextLife;
    private final Function<String, Optional<StoredContext>> stored;
    private final DeviceGrant device;

    AuthorizationWriter(OidcStore store, RegisteredClientRepository clients, Clock clock, Duration minContextLife,
            Function<String, Optional<StoredContext>> stored) {
        this.stored = stored;
        this.store = store;
        this.clients = clients;
        this.clock = clock;
        this.minContextLife = minContextLife;
        this.device = new DeviceGrant(store, clients, clock, stored, this::revokeGrant);
    }

    void save(OAuth2Authorization a) {
        String presentedState = a.getAttribute(SasKeys.PRESENTED_STATE);
        if (presentedState != null && a.getAttribute(SasKeys.STATE) == null
                && !store.interactions().delete(SasKeys.stateId(presentedState))) {
            // the state (consent or pushed request) was used by a concurrent request
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
        }
        RegisteredClient client = clients.findById(a.getRegisteredClientId());
        if (client == null) {
            throw new IllegalArgumentException("unknown registered client " + a.getRegisteredClientId());
        }
        device.write(a, client); // volatile, outside the transactional cluster: consumed before tokens are saved
        try {
            // idempotent: a transaction rolled back by a lost deadlock is run again whole (its consume too)
            store.inIdempotentTransaction(() -> {
                StoredContext before = before(a);
                writeCode(a, client, before);
                writeRefreshToken(a, client, before);
                writeAccessToken(a, client, before);
                writeContext(a, client, before);
                return null;
            });
        } catch (AlreadyConsumedException e) {
            String grantId = e.record(RefreshToken.class).map(RefreshToken::grantId)
                    .or(() -> e.record(AuthorizationCode.class).map(AuthorizationCode::grantId)).orElse(a.getId());
            revokeGrant(grantId);
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT), e);
        }
        writeStateIndex(a);
    }

    /** Revokes every refresh and access token of the grant and records the grant's revocation. */
    void revokeGrant(String grantId) {
        Instant now = clock.instant();
        store.inIdempotentTransaction(() -> {
            store.refreshTokens().revokeByGrant(grantId);
            store.opaqueAccessTokens().revokeByGrant(grantId);
            store.grantRevocations().revokeGrant(grantId, now, now.plus(REVOCATION_RETENTION));
            return null;
        });
    }

    /**
     * The stored context of the aggregate: the one a rebuilt aggregate carries ({@link SasKeys#STORED}),
     * else read from the store ({@code null}: none).
     */
    private StoredContext before(OAuth2Authorization a) {
        if (a.getAttribute(SasKeys.STORED) instanceof StoredContext s && s.context().id().equals(a.getId())) {
            return s;
        }
        return stored.apply(a.getId()).orElse(null);
    }

    /**
     * Whether a code, refresh or access token of the aggregate other than the presented one is new
     * without looking it up: the adapter rebuilt the aggregate (it carries no other stored token),
     * or no context is stored for it (every token is saved in the transaction that writes its
     * grant's context, so a grant without a live context has no live token).
     */
    private static boolean known(OAuth2Authorization a, StoredContext before) {
        return rebuilt(a) || before == null;
    }

    private void writeCode(OAuth2Authorization a, RegisteredClient client, StoredContext before) {
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = a.getToken(OAuth2AuthorizationCode.class);
        if (code == null) {
            return;
        }
        String presented = a.getAttribute(SasKeys.PRESENTED_CODE);
        String value = code.getToken().getTokenValue();
        if (presented != null && presented.equals(value)) {
            // a second redemption throws (a replay); a code gone since SAS looked it up (expired,
            // erased) redeems nothing, and nothing is issued
            if (code.isInvalidated() && store.authorizationCodes().consume(presented).isEmpty()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
            return;
        }
        if (!known(a, before) && store.authorizationCodes().find(value).isPresent()) {
            return; // an aggregate built by the caller and saved again
        }
        OAuth2AuthorizationRequest request = a.getAttribute(OAuth2AuthorizationRequest.class.getName());
        Map<String, Object> extra = request == null ? Map.of() : request.getAdditionalParameters();
        store.authorizationCodes().save(AuthorizationCode.builder().code(value).clientId(client.getClientId())
                .subject(a.getPrincipalName()).grantId(a.getId())
                .redirectUri(request == null ? null : request.getRedirectUri()).scopes(a.getAuthorizedScopes())
                .codeChallenge((String) extra.get(PkceParameterNames.CODE_CHALLENGE))
                .codeChallengeMethod((String) extra.get(PkceParameterNames.CODE_CHALLENGE_METHOD))
                .nonce((String) extra.get(OidcParameterNames.NONCE)).createdAt(issued(code.getToken().getIssuedAt()))
                .expiresAt(code.getToken().getExpiresAt()).build());
    }

    private void writeRefreshToken(OAuth2Authorization a, RegisteredClient client, StoredContext before) {
        OAuth2Authorization.Token<OAuth2RefreshToken> rt = a.getRefreshToken();
        if (rt == null) {
            return;
        }
        String presented = a.getAttribute(SasKeys.PRESENTED_REFRESH);
        String value = rt.getToken().getTokenValue();
        OAuth2RefreshToken t = rt.getToken();
        if (presented != null && !presented.equals(value)) {
            // rotation: the presented token is consumed once; its successor joins the chain
            Optional<RefreshToken> parent = store.refreshTokens().consume(presented);
            if (parent.isEmpty()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
            Instant now = issued(t.getIssuedAt());
            store.refreshTokens().save(parent.get().successor(value, a.getAuthorizedScopes(), now,
                    expires(t.getExpiresAt(), now)), presented);
            return;
        }
        Optional<RefreshToken> stored = presented == null && known(a, before) ? Optional.empty()
                : store.refreshTokens().find(value);
        if (stored.isEmpty()) {
            Instant now = issued(t.getIssuedAt());
            store.refreshTokens().save(RefreshToken.builder().token(value).clientId(client.getClientId())
                    .subject(a.getPrincipalName()).grantId(a.getId()).scopes(a.getAuthorizedScopes()).createdAt(now)
                    .expiresAt(expires(t.getExpiresAt(), now)).build(), null);
        } else if (rt.isInvalidated() && !stored.get().revoked()) {
            // revocation of a refresh token (RFC 7009 §2.1): the grant's access tokens go with it
            store.refreshTokens().revokeChain(value);
            store.opaqueAccessTokens().revokeByGrant(a.getId());
        }
    }

    private void writeAccessToken(OAuth2Authorization a, RegisteredClient client, StoredContext before) {
        OAuth2Authorization.Token<OAuth2AccessToken> at = a.getAccessToken();
        if (at == null) {
            return;
        }
        OAuth2AccessToken t = at.getToken();
        String key = SasKeys.accessTokenKey(t.getTokenValue());
        Optional<OpaqueAccessToken> stored = known(a, before) && !t.getTokenValue().equals(a.getAttribute(
                SasKeys.PRESENTED_ACCESS)) ? Optional.empty() : store.opaqueAccessTokens().find(key);
        if (stored.isEmpty()) {
            Instant now = issued(t.getIssuedAt());
            store.opaqueAccessTokens().save(OpaqueAccessToken.builder().token(key).clientId(client.getClientId())
                    .subject(a.getPrincipalName()).grantId(a.getId()).scopes(t.getScopes()).issuedAt(now)
                    .expiresAt(expires(t.getExpiresAt(), now)).revoked(at.isInvalidated()).build());
        } else if (at.isInvalidated() && !stored.get().revoked()) {
            store.opaqueAccessTokens().revoke(key);
        }
    }

    /**
     * Writes the context, keeping the token entries of the stored one that the aggregate lacks: an
     * aggregate rebuilt from one token carries only that token, and SAS never drops a token. The ID
     * token the aggregate carries, when it is a real one (not the placeholder of a rebuilt
     * aggregate), is bound to the grant for RP-initiated logout ({@code id_token_hint}). Nothing is
     * written when no ID token is bound and the context is byte for byte the stored one, which lives
     * long enough (a revocation, a save of an unchanged aggregate).
     */
    private void writeContext(OAuth2Authorization a, RegisteredClient client, StoredContext before) {
        SasContext ctx = SasContext.of(a);
        if (before != null) {
            before.context().tokens().forEach(ctx.tokens()::putIfAbsent);
        }
        Instant now = clock.instant();
        Instant until = until(ctx, now);
        byte[] encoded = ctx.encode();
        String idToken = idToken(a);
        if (idToken == null && before != null && before.unchanged(encoded, until)) {
            return;
        }
        store.authorizationContexts().save(new AuthorizationContext(a.getId(), a.getPrincipalName(),
                client.getClientId(), encoded, now, until), idToken);
    }

    /** The index from the consent page's or pushed request's {@code state} to the authorization. */
    private void writeStateIndex(OAuth2Authorization a) {
        String state = a.getAttribute(SasKeys.STATE);
        if (state != null) {
            Instant now = clock.instant();
            store.interactions().save(new Interaction(SasKeys.stateId(state),
                    a.getId().getBytes(StandardCharsets.UTF_8), now, now.plus(minContextLife)));
        }
    }

    /** The latest expiry of the context's tokens, and at least {@code minContextLife} from now. */
    private Instant until(SasContext ctx, Instant now) {
        Instant until = now.plus(minContextLife);
        Instant latest = ctx.latestExpiry();
        return latest != null && latest.isAfter(until) ? latest : until;
    }

    /** The value of a newly issued ID token, or {@code null} (none, the placeholder, or unstorable). */
    private static String idToken(OAuth2Authorization a) {
        OAuth2Authorization.Token<OidcIdToken> t = a.getToken(OidcIdToken.class);
        String value = t == null ? null : t.getToken().getTokenValue();
        return value == null || SasKeys.ID_TOKEN_NOT_RETAINED.equals(value)
                || !Arguments.isStorableToken(value, Limits.MAX_ID_TOKEN_LENGTH) ? null : value;
    }

    /**
     * Whether the adapter rebuilt the aggregate from a lookup: then its only stored token is the
     * presented one (a rebuilt aggregate carries no other), and a code, refresh or access token of
     * another value was added by SAS and is new; no lookup is needed before saving it.
     */
    private static boolean rebuilt(OAuth2Authorization a) {
        return Boolean.TRUE.equals(a.getAttribute(SasKeys.REBUILT));
    }

    private Instant issued(Instant issuedAt) {
        return issuedAt != null ? issuedAt : clock.instant();
    }

    /** A token without expiry lives a year in the store (SAS always sets one for codes and tokens). */
    private static Instant expires(Instant expiresAt, Instant issuedAt) {
        return expiresAt != null ? expiresAt : issuedAt.plus(Duration.ofDays(365));
    }
}
