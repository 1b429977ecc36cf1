package org.oidcstore.it.server.json;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * An OpenID provider's token response as an application writes it: Java field names, wire names
 * (RFC 6749 §5.1) given with JSON-B's {@code @JsonbProperty}. Public fields, no getters, so any
 * other JSON provider that ignores the JSON-B annotations shows itself by writing the Java names.
 */
public class TokenResponse {
    @JsonbProperty("access_token")
    public String accessToken;

    @JsonbProperty("token_type")
    public String tokenType;

    @JsonbProperty("expires_in")
    public long expiresIn;
}
