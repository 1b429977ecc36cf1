package org.oidcstore.spring.sas;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The part of a SAS {@link OAuth2Authorization} that is not a bearer value: ids, principal name,
 * grant type, authorized scopes, attributes (the {@code Principal} and the original
 * {@code OAuth2AuthorizationRequest}) and, per token class, its instants and metadata (claims). It
 * is kept as the opaque context of the grant ({@code AuthorizationContextStore}, durable, in the
 * transactional cluster); token values never enter it.
 */
record SasContext(String id, String registeredClientId, String principalName, String grantType,
        Set<String> authorizedScopes, Map<String, Object> attributes, Map<String, TokenInfo> tokens)
        implements Serializable {

    /** Instants and metadata of one token, without its value. */
    record TokenInfo(Instant issuedAt, Instant expiresAt, Map<String, Object> metadata, String accessTokenType,
            Set<String> accessTokenScopes) implements Serializable {
    }

    /** Classes a stored context may contain; anything else is refused when read. */
    static final String DEFAULT_FILTER = "maxdepth=40;maxrefs=10000;maxbytes=1048576;java.**;"
            + "org.springframework.security.**;org.oidcstore.spring.sas.*;!*";

    static SasContext of(OAuth2Authorization a) {
        Map<String, Object> attributes = new LinkedHashMap<>(a.getAttributes());
        SasKeys.PRESENTED_ATTRIBUTES.forEach(attributes::remove);
        Map<String, TokenInfo> tokens = new LinkedHashMap<>();
        for (Class<? extends OAuth2Token> type : SasKeys.TOKEN_CLASSES) {
            OAuth2Authorization.Token<? extends OAuth2Token> t = a.getToken(type);
            if (t != null) {
                OAuth2Token v = t.getToken();
                Map<String, Object> md = new HashMap<>(t.getMetadata());
                md.remove(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME);
                String atType = v instanceof OAuth2AccessToken at ? at.getTokenType().getValue() : null;
                Set<String> atScopes = v instanceof OAuth2AccessToken at ? new LinkedHashSet<>(at.getScopes()) : null;
                tokens.put(type.getName(), new TokenInfo(v.getIssuedAt(), v.getExpiresAt(), md, atType, atScopes));
            }
        }
        return new SasContext(a.getId(), a.getRegisteredClientId(), a.getPrincipalName(),
                a.getAuthorizationGrantType().getValue(), new LinkedHashSet<>(a.getAuthorizedScopes()),
                attributes, tokens);
    }

    /** The latest expiry of any token, or {@code null} when no token expires. */
    Instant latestExpiry() {
        Instant latest = null;
        for (TokenInfo t : tokens.values()) {
            if (t.expiresAt() != null && (latest == null || t.expiresAt().isAfter(latest))) {
                latest = t.expiresAt();
            }
        }
        return latest;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new IllegalArgumentException("the authorization's attributes are not serializable: " + e, e);
        }
        return bytes.toByteArray();
    }

    static SasContext decode(byte[] state, ObjectInputFilter filter) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state))) {
            in.setObjectInputFilter(filter);
            return (SasContext) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("stored authorization context cannot be read: " + e, e);
        }
    }
}
