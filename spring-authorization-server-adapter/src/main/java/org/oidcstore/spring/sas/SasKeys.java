package org.oidcstore.spring.sas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/** Names and keys the adapter uses in the stores; none of them carries a raw bearer value. */
final class SasKeys {
    /** Attribute carrying the code value a lookup was made with (never persisted). */
    static final String PRESENTED_CODE = "org.oidcstore.sas.presented-code";
    /** Attribute carrying the refresh-token value a lookup was made with (never persisted). */
    static final String PRESENTED_REFRESH = "org.oidcstore.sas.presented-refresh";
    /** Attribute carrying the state value a lookup was made with (never persisted). */
    static final String PRESENTED_STATE = "org.oidcstore.sas.presented-state";
    /** Attribute carrying the access-token value a lookup was made with (never persisted). */
    static final String PRESENTED_ACCESS = "org.oidcstore.sas.presented-access";
    /**
     * Attribute marking an aggregate the adapter rebuilt (never persisted): it carries no token but
     * the one it was looked up by, so any other code, refresh or access token SAS adds to it is new
     * and is saved without looking it up first.
     */
    static final String REBUILT = "org.oidcstore.sas.rebuilt";
    /**
     * Attribute carrying, on an aggregate the adapter rebuilt, the {@link StoredContext} it was
     * rebuilt from (never persisted): a save merges from it instead of reading the context again.
     */
    static final String STORED = "org.oidcstore.sas.stored-context";
    /** Attribute carrying the device code a lookup was made with (never persisted). */
    static final String PRESENTED_DEVICE = "org.oidcstore.sas.presented-device-code";
    /** Attribute carrying the user code a lookup was made with (never persisted). */
    static final String PRESENTED_USER = "org.oidcstore.sas.presented-user-code";
    static final List<String> PRESENTED_ATTRIBUTES = List.of(PRESENTED_CODE, PRESENTED_REFRESH, PRESENTED_STATE,
            PRESENTED_ACCESS, REBUILT, STORED, PRESENTED_DEVICE, PRESENTED_USER);
    /** SAS's state attribute ({@code OAuth2ParameterNames.STATE}). */
    static final String STATE = "state";
    /**
     * The value a rebuilt ID token carries when the authorization was not looked up by it: the
     * adapter keeps only a digest of the latest ID token.
     */
    static final String ID_TOKEN_NOT_RETAINED = "oidc-store:id-token-value-not-retained";

    static final List<Class<? extends OAuth2Token>> TOKEN_CLASSES = List.of(OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class);

    private SasKeys() {
    }

    /** Interaction id of the index from a state value to its authorization. */
    static String stateId(String state) {
        return "sas-st:" + sha256(state);
    }

    /**
     * The key of an access token in the opaque access-token store: SAS looks access tokens up by
     * their whole value, and a self-contained (JWT) value exceeds the store's identifier limit, so
     * the key is the SHA-256 of the value (which the backend digests again with its pepper).
     */
    static String accessTokenKey(String value) {
        return "sha256:" + sha256(value);
    }

    static String sha256(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
