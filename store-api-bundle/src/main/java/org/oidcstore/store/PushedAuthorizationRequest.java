package org.oidcstore.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pushed authorization request (RFC 9126).
 *
 * <p>{@code requestUri} ({@code urn:ietf:params:oauth:request_uri:...}) is a bearer reference:
 * stores keep only its digest and hand back the presented value. {@code toString()} does not show it.
 *
 * @param requestUri the request URI returned to the client
 * @param clientId the client that pushed the request
 * @param parameters the authorization request parameters, each with its values in order
 * @param createdAt when it was pushed
 * @param expiresAt the request URI is expired at this instant (inclusive) for {@code find}
 */
public record PushedAuthorizationRequest(
        String requestUri,
        String clientId,
        Map<String, List<String>> parameters,
        Instant createdAt,
        Instant expiresAt) {

    public PushedAuthorizationRequest {
        Checks.id(requestUri, "requestUri");
        Checks.id(clientId, "clientId");
        parameters = Checks.multiMap(parameters, "parameters");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The first value of a parameter, or {@code null}. */
    public String parameter(String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public PushedAuthorizationRequest withRequestUri(String presented) {
        return new PushedAuthorizationRequest(presented, clientId, parameters, createdAt, expiresAt);
    }

    @Override
    public String toString() {
        return "PushedAuthorizationRequest[requestUri=" + Checks.redacted(requestUri) + ", clientId=" + clientId
                + ", parameters=" + parameters.keySet() + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt
                + "]";
    }
}
