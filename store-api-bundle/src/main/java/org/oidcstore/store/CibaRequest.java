package org.oidcstore.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A backchannel authentication request (OpenID CIBA Core 1.0): created by a client for a user
 * identified by a hint, approved or denied by that user on their authentication device, polled (or
 * notified) and redeemed once.
 *
 * <p>{@code authReqId} is a bearer secret: stores keep only its digest and hand back the presented
 * value. {@code clientNotificationToken} (ping and push modes) is the one secret a store keeps
 * <b>reversibly</b>, because the provider must send it back to the client: backends seal it with
 * AES-256-GCM under a key derived from the secret pepper ({@link org.oidcstore.store.spi.SecretDigest#seal});
 * {@code toString()} shows neither.
 *
 * @param authReqId the {@code auth_req_id} returned to the client
 * @param clientId the client that asked
 * @param subject the end user the hint resolved to; only they may approve
 * @param scopes the scopes asked for
 * @param acrValues the requested authentication context classes, in order of preference
 * @param bindingMessage the binding message shown on both devices, or {@code null}
 * @param mode the token delivery mode
 * @param clientNotificationToken the bearer token the provider presents to the client's
 *     notification endpoint: required in ping and push modes, {@code null} in poll mode
 * @param createdAt when the request was accepted
 * @param expiresAt the request is expired at this instant (inclusive) and then absent everywhere
 * @param interval the minimum time between two polls (1 s to {@link PollResult#MAX_INTERVAL}); it
 *     only grows ({@link PollResult#grown})
 * @param state where the request stands
 * @param approval who approved and how, once approved; {@code null} before
 * @param lastPolledAt the last poll the store recorded, or {@code null}
 */
public record CibaRequest(
        String authReqId,
        String clientId,
        String subject,
        Set<String> scopes,
        List<String> acrValues,
        String bindingMessage,
        CibaMode mode,
        String clientNotificationToken,
        Instant createdAt,
        Instant expiresAt,
        Duration interval,
        ApprovalState state,
        Approval approval,
        Instant lastPolledAt) {

    public CibaRequest {
        Checks.id(authReqId, "authReqId");
        Checks.id(clientId, "clientId");
        Checks.id(subject, "subject");
        scopes = Checks.set(scopes, "scopes");
        acrValues = Checks.list(acrValues, "acrValues");
        Checks.text(bindingMessage, "bindingMessage");
        Checks.required(mode, "mode");
        if (mode == CibaMode.POLL ? clientNotificationToken != null : clientNotificationToken == null) {
            throw new IllegalArgumentException("clientNotificationToken is required in ping and push modes and "
                    + "absent in poll mode");
        }
        Checks.optionalId(clientNotificationToken, "clientNotificationToken");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
        Checks.pollInterval(interval);
        Checks.required(state, "state");
        lastPolledAt = Checks.instant(lastPolledAt, "lastPolledAt");
    }

    /** A new pending request, as {@link CibaRequestStore#save} takes it. */
    public static CibaRequest pending(String authReqId, String clientId, String subject, Set<String> scopes,
            List<String> acrValues, String bindingMessage, CibaMode mode, String clientNotificationToken,
            Instant createdAt, Instant expiresAt, Duration interval) {
        return new CibaRequest(authReqId, clientId, subject, scopes, acrValues, bindingMessage, mode,
                clientNotificationToken, createdAt, expiresAt, interval, ApprovalState.PENDING, null, null);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** This record as a store returns it to a caller who presented {@code presented}. */
    public CibaRequest withAuthReqId(String presented) {
        return new CibaRequest(presented, clientId, subject, scopes, acrValues, bindingMessage, mode,
                clientNotificationToken, createdAt, expiresAt, interval, state, approval, lastPolledAt);
    }

    /** This record in another state, with the given approval (stores build transitions with it). */
    public CibaRequest withState(ApprovalState newState, Approval newApproval) {
        return new CibaRequest(authReqId, clientId, subject, scopes, acrValues, bindingMessage, mode,
                clientNotificationToken, createdAt, expiresAt, interval, newState, newApproval, lastPolledAt);
    }

    /** This record after a poll at {@code at} with the resulting interval. */
    public CibaRequest withPoll(Instant at, Duration newInterval) {
        return new CibaRequest(authReqId, clientId, subject, scopes, acrValues, bindingMessage, mode,
                clientNotificationToken, createdAt, expiresAt, newInterval, state, approval, at);
    }

    @Override
    public String toString() {
        return "CibaRequest[authReqId=" + Checks.redacted(authReqId) + ", clientId=" + clientId + ", subject="
                + subject + ", scopes=" + scopes + ", acrValues=" + acrValues + ", bindingMessage="
                + (bindingMessage == null ? "null" : "<" + bindingMessage.length() + " chars>") + ", mode=" + mode
                + ", clientNotificationToken=" + Checks.redacted(clientNotificationToken) + ", createdAt="
                + createdAt + ", expiresAt=" + expiresAt + ", interval=" + interval + ", state=" + state
                + ", approval=" + approval + ", lastPolledAt=" + lastPolledAt + "]";
    }
}
