package org.oidcstore.spring.sas;

import java.util.Map;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** Rebuilds a SAS aggregate from its stored context and the one token value it was looked up by. */
final class AuthorizationReader {
    private final RegisteredClientRepository clients;

    AuthorizationReader(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    /**
     * @param presented which value was presented: {@link SasKeys#PRESENTED_CODE},
     *     {@link SasKeys#PRESENTED_REFRESH}, {@link SasKeys#PRESENTED_STATE},
     *     {@code "access_token"}, or {@code null} (lookup by id: no token)
     * @param inactive whether the store holds the presented token as consumed or revoked
     */
    OAuth2Authorization rebuild(StoredContext stored, String presented, String value, boolean inactive) {
        return rebuild(stored, presented, value, inactive, null, null);
    }

    /**
     * As above, with the presented token's instants as the store holds them ({@code null}: from the
     * context): the store's record is authoritative for a token's lifetime.
     */
    OAuth2Authorization rebuild(StoredContext stored, String presented, String value, boolean inactive,
            java.time.Instant issuedAt, java.time.Instant expiresAt) {
        SasContext ctx = stored.context();
        RegisteredClient client = clients.findById(ctx.registeredClientId());
        if (client == null) {
            return null;
        }
        OAuth2Authorization.Builder b = OAuth2Authorization.withRegisteredClient(client).id(ctx.id())
                .principalName(ctx.principalName())
                .authorizationGrantType(new AuthorizationGrantType(ctx.grantType()))
                .authorizedScopes(ctx.authorizedScopes()).attributes(a -> a.putAll(ctx.attributes()))
                .attribute(SasKeys.REBUILT, Boolean.TRUE).attribute(SasKeys.STORED, stored);
        if (presented == null) {
            return addIdToken(b, ctx).build();
        }
        switch (presented) {
            case SasKeys.PRESENTED_CODE -> {
                SasContext.TokenInfo t = info(ctx, OAuth2AuthorizationCode.class);
                if (t == null) {
                    return null;
                }
                token(b, new OAuth2AuthorizationCode(value, or(issuedAt, t.issuedAt()), or(expiresAt, t.expiresAt())),
                        t, inactive);
                b.attribute(SasKeys.PRESENTED_CODE, value);
            }
            case SasKeys.PRESENTED_REFRESH -> {
                SasContext.TokenInfo t = info(ctx, OAuth2RefreshToken.class);
                if (t == null) {
                    return null;
                }
                token(b, new OAuth2RefreshToken(value, or(issuedAt, t.issuedAt()), or(expiresAt, t.expiresAt())), t,
                        inactive);
                b.attribute(SasKeys.PRESENTED_REFRESH, value);
            }
            case OAuth2ParameterNames.ACCESS_TOKEN -> {
                SasContext.TokenInfo t = info(ctx, OAuth2AccessToken.class);
                if (t == null) {
                    return null;
                }
                OAuth2AccessToken.TokenType type = OAuth2AccessToken.TokenType.DPOP.getValue()
                        .equalsIgnoreCase(t.accessTokenType()) ? OAuth2AccessToken.TokenType.DPOP
                                : OAuth2AccessToken.TokenType.BEARER;
                token(b, new OAuth2AccessToken(type, value, or(issuedAt, t.issuedAt()),
                        or(expiresAt, t.expiresAt()), t.accessTokenScopes()), t,
                        inactive);
                b.attribute(SasKeys.PRESENTED_ACCESS, value);
            }
            case SasKeys.PRESENTED_STATE -> b.attribute(SasKeys.PRESENTED_STATE, value);
            case OidcParameterNames.ID_TOKEN -> {
                return addIdToken(b, ctx, value).build();
            }
            default -> throw new IllegalArgumentException(presented);
        }
        return addIdToken(b, ctx).build();
    }

    /**
     * The ID token's claims are kept (a refresh copies its {@code sid} and {@code auth_time}); its
     * value is not, so the rebuilt token carries {@link SasKeys#ID_TOKEN_NOT_RETAINED}.
     */
    private static OAuth2Authorization.Builder addIdToken(OAuth2Authorization.Builder b, SasContext ctx) {
        return addIdToken(b, ctx, SasKeys.ID_TOKEN_NOT_RETAINED);
    }

    /** As above, the ID token carrying {@code value}: the one presented when looked up by ID token. */
    @SuppressWarnings("unchecked")
    private static OAuth2Authorization.Builder addIdToken(OAuth2Authorization.Builder b, SasContext ctx,
            String value) {
        SasContext.TokenInfo t = info(ctx, OidcIdToken.class);
        if (t != null) {
            Object claims = t.metadata().get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
            if (claims instanceof Map<?, ?> m && !m.isEmpty()) {
                token(b, new OidcIdToken(value, t.issuedAt(), t.expiresAt(),
                        (Map<String, Object>) m), t, false);
            }
        }
        return b;
    }

    private static <T extends OAuth2Token> void token(OAuth2Authorization.Builder b, T token,
            SasContext.TokenInfo t, boolean inactive) {
        b.token(token, md -> {
            md.putAll(t.metadata());
            md.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, inactive);
        });
    }

    private static java.time.Instant or(java.time.Instant a, java.time.Instant b) {
        return a != null ? a : b;
    }

    private static SasContext.TokenInfo info(SasContext ctx, Class<?> type) {
        return ctx.tokens().get(type.getName());
    }
}
