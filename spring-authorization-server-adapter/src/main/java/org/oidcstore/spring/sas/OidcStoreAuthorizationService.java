package org.oidcstore.spring.sas;

import java.io.ObjectInputFilter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Spring Authorization Server's {@link OAuth2AuthorizationService} over an {@link OidcStore} (the
 * composite). SAS's one aggregate is split: the code, refresh-token and access-token values go to
 * their substores (digested there), the rest of the aggregate (principal, original request,
 * claims) is an opaque context in the authorization-context store (durable, written in the same
 * transaction as the codes and tokens), keyed by the authorization id, which is also the
 * {@code grantId} of every token; the ID token last issued is bound to it as a digest, for
 * RP-initiated logout. A code or a refresh token that SAS saves as used goes
 * through the store's single-winner {@code consume}: a replay (or the loser of a race) becomes
 * {@code invalid_grant} and revokes the grant's tokens (RFC 9700). See
 * {@code docs/spring-authorization-server.md}.
 *
 * <p><b>What lookups return.</b> Bearer values are kept only as digests, so a rebuilt
 * authorization carries only the token it was looked up by, with the value presented; its other
 * tokens are absent, except the ID token, whose claims are kept (SAS needs them on refresh) under
 * a placeholder value. {@link #findById} returns the authorization with no bearer token at all.
 */
public final class OidcStoreAuthorizationService implements OAuth2AuthorizationService {
    private final OidcStore store;
    private final RegisteredClientRepository clients;
    private final Clock clock;
    private final ObjectInputFilter filter;
    private final AuthorizationWriter writer;
    private final AuthorizationReader reader;
    private final DeviceGrant device;
    private final CodeLookupMemo codeLookups = new CodeLookupMemo();
    private final GrantLookup lookup;

    public OidcStoreAuthorizationService(OidcStore store, RegisteredClientRepository clients) {
        this(store, clients, Clock.systemUTC(), SasContext.DEFAULT_FILTER, Duration.ofMinutes(30));
    }

    /**
     * @param contextFilter an {@link ObjectInputFilter} pattern naming the classes a stored context
     *     may hold (the principal's classes must be among them)
     * @param minContextLife how long a context lives at least (a consent page or PAR waits this long)
     */
    public OidcStoreAuthorizationService(OidcStore store, RegisteredClientRepository clients, Clock clock,
            String contextFilter, Duration minContextLife) {
        this.store = Objects.requireNonNull(store, "store");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.filter = ObjectInputFilter.Config.createFilter(contextFilter);
        this.writer = new AuthorizationWriter(store, clients, clock, minContextLife, this::context);
        this.reader = new AuthorizationReader(clients);
        this.lookup = new GrantLookup(this.store);
        this.device = new DeviceGrant(store, clients, clock, this::context, writer::revokeGrant);
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        codeLookups.forget();
        writer.save(authorization);
    }

    /**
     * Revokes the authorization's tokens and deletes its context and state index. An authorization
     * looked up by its state (a pushed authorization request, a consent page) is removed once: the
     * store's {@code delete} of the state index is true for one caller, and the others get
     * {@code invalid_request} (SAS's PAR is single use only through this call, gap 7).
     */
    @Override
    public void remove(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        codeLookups.forget();
        Object state = authorization.getAttribute(SasKeys.STATE);
        boolean deleted = state instanceof String s && store.interactions().delete(SasKeys.stateId(s));
        if (!deleted && authorization.getAttribute(SasKeys.PRESENTED_STATE) != null) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_REQUEST, "the request_uri or state was used before", null), null);
        }
        writer.revokeGrant(authorization.getId());
        store.authorizationContexts().delete(authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return context(id).map(ctx -> reader.rebuild(ctx, null, null, false)).orElse(null);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (tokenType == null) {
            OAuth2Authorization a = byAccessToken(token);
            if (a == null) {
                a = byRefreshToken(token, false);
            }
            if (a == null) {
                a = byCode(token);
            }
            return a != null ? a : byIdToken(token);
        }
        return switch (tokenType.getValue()) {
            case OAuth2ParameterNames.ACCESS_TOKEN -> byAccessToken(token);
            case OAuth2ParameterNames.REFRESH_TOKEN -> byRefreshToken(token, true);
            case OAuth2ParameterNames.CODE -> byCode(token);
            case OAuth2ParameterNames.STATE -> byState(token);
            case OAuth2ParameterNames.DEVICE_CODE -> device.byDeviceCode(token);
            case OAuth2ParameterNames.USER_CODE -> device.byUserCode(token);
            // RP-initiated logout (id_token_hint): the ID token last issued under the grant
            case OidcParameterNames.ID_TOKEN -> byIdToken(token);
            default -> null;
        };
    }

    /** SAS looks a code up twice per redemption: the second lookup is answered by the first ({@link CodeLookupMemo}). */
    private OAuth2Authorization byCode(String value) {
        if (!org.oidcstore.store.spi.Arguments.isStorableId(value)) {
            return null;
        }
        return codeLookups.lookup(value, this::findByCode);
    }

    private OAuth2Authorization findByCode(String value) {
        GrantLookup.Found<AuthorizationCode> found = lookup.find(() -> store.authorizationCodes().find(value),
                AuthorizationCode::grantId);
        if (found == null) {
            return null;
        }
        AuthorizationCode code = found.token();
        if (code.isConsumed()) {
            // a second redemption of a code: revoke what the first one issued (RFC 9700 §4.4)
            writer.revokeGrant(code.grantId());
        }
        return rebuild(found, SasKeys.PRESENTED_CODE, value, code.isConsumed(), code.createdAt(), code.expiresAt());
    }

    private OAuth2Authorization byRefreshToken(String value, boolean asGrant) {
        if (!org.oidcstore.store.spi.Arguments.isStorableId(value)) {
            return null;
        }
        GrantLookup.Found<RefreshToken> found = lookup.find(() -> store.refreshTokens().find(value),
                RefreshToken::grantId);
        if (found == null) {
            return null;
        }
        RefreshToken rt = found.token();
        boolean inactive = rt.isConsumed() || rt.revoked();
        if (asGrant && rt.isConsumed() && !rt.revoked()) {
            // a rotated-away refresh token presented again: revoke the chain (RFC 9700 §4.14.2)
            writer.revokeGrant(rt.grantId());
        }
        return rebuild(found, SasKeys.PRESENTED_REFRESH, value, inactive, rt.createdAt(), rt.expiresAt());
    }

    private OAuth2Authorization byAccessToken(String value) {
        GrantLookup.Found<OpaqueAccessToken> found = lookup.find(
                () -> store.opaqueAccessTokens().find(SasKeys.accessTokenKey(value)), OpaqueAccessToken::grantId);
        if (found == null || found.token().grantId() == null) {
            return null;
        }
        OpaqueAccessToken at = found.token();
        return rebuild(found, OAuth2ParameterNames.ACCESS_TOKEN, value, at.revoked(), at.issuedAt(), at.expiresAt());
    }

    private OAuth2Authorization rebuild(GrantLookup.Found<?> found, String presented, String value, boolean inactive,
            java.time.Instant issuedAt, java.time.Instant expiresAt) {
        return found.context() == null ? null : reader.rebuild(StoredContext.of(found.context(), filter), presented,
                value, inactive, issuedAt, expiresAt);
    }

    private OAuth2Authorization byState(String value) {
        Optional<Interaction> index = store.interactions().find(SasKeys.stateId(value));
        if (index.isEmpty()) {
            return null;
        }
        String id = new String(index.get().state(), StandardCharsets.UTF_8);
        return context(id).map(ctx -> reader.rebuild(ctx, SasKeys.PRESENTED_STATE, value, false))
                .map(a -> device.withConsentCodes(a, value)).orElse(null);
    }

    /**
     * The authorization whose latest ID token is {@code value}, carrying that ID token (its value as
     * presented, its claims from the context); an older ID token of the grant finds nothing, as
     * with SAS's own JDBC service, which keeps only the latest.
     */
    private OAuth2Authorization byIdToken(String value) {
        return store.authorizationContexts().findByIdToken(value)
                .map(c -> StoredContext.of(c, filter))
                .map(ctx -> reader.rebuild(ctx, OidcParameterNames.ID_TOKEN, value, false)).orElse(null);
    }

    private Optional<StoredContext> context(String authorizationId) {
        if (!org.oidcstore.store.spi.Arguments.isStorableId(authorizationId)) {
            return Optional.empty();
        }
        return store.authorizationContexts().find(authorizationId).map(c -> StoredContext.of(c, filter));
    }

}
