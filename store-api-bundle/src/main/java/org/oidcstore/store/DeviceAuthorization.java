package org.oidcstore.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A device authorization (RFC 8628): created when a device asks for codes, approved or denied by
 * the user on another device, polled by the device and redeemed once.
 *
 * <p>Both codes are bearer secrets: stores keep only digests (the user code is normalised first,
 * see {@link #normalizeUserCode}, and digested in a namespace of its own). A record returned by a
 * store carries the code the caller presented and {@code null} for the other: a record found by
 * user code (the verification page) never carries the device code. {@code toString()} shows
 * neither.
 *
 * @param deviceCode the device code, or {@code null} in a record found by user code
 * @param userCode the user code as presented, or {@code null} in a record found by device code
 * @param clientId the client that asked
 * @param scopes the scopes asked for
 * @param parameters the other parameters of the device authorization request (e.g. {@code resource})
 * @param createdAt when the codes were issued
 * @param expiresAt both codes are expired at this instant (inclusive) and then absent everywhere
 * @param interval the minimum time between two polls (1 s to {@link PollResult#MAX_INTERVAL}); it
 *     only grows (by
 *     {@link PollResult#SLOW_DOWN_STEP} with each {@code slow_down})
 * @param state where the request stands
 * @param approval who approved and how, once approved; kept when an approved request is consumed
 *     or revoked; {@code null} before
 * @param lastPolledAt the last poll the store recorded, or {@code null}
 * @param strikes how many times a wrong entry was recorded against the user code ({@link DeviceAuthorizationStore#strike})
 * @param pollViolations how many poll violations were recorded ({@link DeviceAuthorizationStore#recordPollViolation})
 */
public record DeviceAuthorization(
        String deviceCode,
        String userCode,
        String clientId,
        Set<String> scopes,
        Map<String, List<String>> parameters,
        Instant createdAt,
        Instant expiresAt,
        Duration interval,
        ApprovalState state,
        Approval approval,
        Instant lastPolledAt,
        int strikes,
        int pollViolations) {

    public DeviceAuthorization {
        Checks.optionalId(deviceCode, "deviceCode");
        if (userCode != null) {
            normalizeUserCode(userCode);
        }
        Checks.id(clientId, "clientId");
        scopes = Checks.set(scopes, "scopes");
        parameters = Checks.multiMap(parameters, "parameters");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
        Checks.pollInterval(interval);
        Checks.required(state, "state");
        lastPolledAt = Checks.instant(lastPolledAt, "lastPolledAt");
        if (strikes < 0 || pollViolations < 0) {
            throw new IllegalArgumentException("strikes and pollViolations must not be negative");
        }
    }

    /**
     * A new pending request, as {@link DeviceAuthorizationStore#save} takes it.
     *
     * @param interval the polling interval announced to the device (whole seconds, at least 1 s)
     */
    public static DeviceAuthorization pending(String deviceCode, String userCode, String clientId,
            Set<String> scopes, Map<String, List<String>> parameters, Instant createdAt, Instant expiresAt,
            Duration interval) {
        Checks.id(deviceCode, "deviceCode");
        Checks.required(userCode, "userCode");
        return new DeviceAuthorization(deviceCode, userCode, clientId, scopes, parameters, createdAt, expiresAt,
                interval, ApprovalState.PENDING, null, null, 0, 0);
    }

    /**
     * The stored form of a user code (RFC 8628 §6.1): case-insensitive and separators ignored, so
     * {@code wdjb-mjht}, {@code WDJB MJHT} and {@code WDJBMJHT} are one code. Letters are upper-cased
     * (locale independent) and every character that is not a letter or a digit is dropped.
     *
     * @throws IllegalArgumentException when nothing is left, or the code is not a storable identifier
     */
    public static String normalizeUserCode(String userCode) {
        Checks.id(userCode, "userCode");
        StringBuilder out = new StringBuilder(userCode.length());
        userCode.codePoints().filter(Character::isLetterOrDigit)
                .map(Character::toUpperCase).forEach(out::appendCodePoint);
        if (out.length() == 0) {
            throw new IllegalArgumentException("userCode has no letter or digit");
        }
        return out.toString();
    }

    /**
     * What a backend digests for a user code, with kind {@link StoreKind#DEVICE_AUTHORIZATIONS}: the
     * normalised code in a namespace of its own, so that no user code's digest can equal a device
     * code's ({@code NUL} never occurs in an identifier).
     */
    public static String userCodeDigestInput(String userCode) {
        return "\0user-code\0" + normalizeUserCode(userCode);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** This record as a store returns it to a caller who presented {@code presentedDeviceCode}. */
    public DeviceAuthorization asFoundByDeviceCode(String presentedDeviceCode) {
        return new DeviceAuthorization(presentedDeviceCode, null, clientId, scopes, parameters, createdAt, expiresAt,
                interval, state, approval, lastPolledAt, strikes, pollViolations);
    }

    /** This record as a store returns it to a caller who presented {@code presentedUserCode}. */
    public DeviceAuthorization asFoundByUserCode(String presentedUserCode) {
        return new DeviceAuthorization(null, presentedUserCode, clientId, scopes, parameters, createdAt, expiresAt,
                interval, state, approval, lastPolledAt, strikes, pollViolations);
    }

    /** This record in another state, with the given approval (stores build transitions with it). */
    public DeviceAuthorization withState(ApprovalState newState, Approval newApproval) {
        return new DeviceAuthorization(deviceCode, userCode, clientId, scopes, parameters, createdAt, expiresAt,
                interval, newState, newApproval, lastPolledAt, strikes, pollViolations);
    }

    /** This record after a poll at {@code at} with the resulting interval. */
    public DeviceAuthorization withPoll(Instant at, Duration newInterval) {
        return new DeviceAuthorization(deviceCode, userCode, clientId, scopes, parameters, createdAt, expiresAt,
                newInterval, state, approval, at, strikes, pollViolations);
    }

    /** This record with the given counters. */
    public DeviceAuthorization withCounters(int newStrikes, int newPollViolations) {
        return new DeviceAuthorization(deviceCode, userCode, clientId, scopes, parameters, createdAt, expiresAt,
                interval, state, approval, lastPolledAt, newStrikes, newPollViolations);
    }

    @Override
    public String toString() {
        return "DeviceAuthorization[deviceCode=" + Checks.redacted(deviceCode) + ", userCode="
                + Checks.redacted(userCode) + ", clientId=" + clientId + ", scopes=" + scopes + ", parameters="
                + parameters.keySet() + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + ", interval="
                + interval + ", state=" + state + ", approval=" + approval + ", lastPolledAt=" + lastPolledAt
                + ", strikes=" + strikes + ", pollViolations=" + pollViolations + "]";
    }
}
