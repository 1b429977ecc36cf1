package org.oidcstore.spring.sas;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.spi.Arguments;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * SAS's device authorization grant (RFC 8628) over {@link DeviceAuthorizationStore} (gap 6). The
 * device and user codes live only there, as digests; the SAS authorization id rides in the
 * record's parameters, the rest of the aggregate in the context. What SAS decides in Java the store
 * decides in one operation:
 * <ul>
 *   <li>device authorization endpoint: {@code save} of a pending request;</li>
 *   <li>verification ({@code findByToken(userCode, USER_CODE)}, then a save with the user code
 *       invalidated and a principal): {@code approveByUserCode}, of concurrent approvals one wins;</li>
 *   <li>token endpoint ({@code findByToken(deviceCode, DEVICE_CODE)}): {@code poll}, which answers
 *       {@code slow_down} to a pending request polled before its interval (SAS itself never does);
 *       a save with the device code invalidated and tokens is {@code consume} (single use: a replay
 *       or the loser of a race is {@code invalid_grant} and revokes the grant); invalidated
 *       without tokens (another client, expiry) is {@code revoke}.</li>
 * </ul>
 * A lookup by device code carries no user code value (the store never returns it): SAS only reads
 * whether the user code is invalidated, which the record's state says.
 */
final class DeviceGrant {
    /** The parameter of a stored device authorization naming its SAS authorization. */
    static final String AUTHORIZATION_ID = "org.oidcstore.sas.authorization-id";
    /** The value a rebuilt user code carries in a lookup by device code (the store never returns it). */
    static final String USER_CODE_NOT_RETURNED = "oidc-store:user-code-not-returned";
    /** The value a rebuilt device code carries in a lookup by user code or state (never returned). */
    static final String DEVICE_CODE_NOT_RETURNED = "oidc-store:device-code-not-returned";
    /** RFC 8628 §3.5; the polling interval the device was told (SAS announces none: the RFC's 5 s). */
    static final String SLOW_DOWN = "slow_down";
    static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8628#section-3.5";

    private final OidcStore store;
    private final Clock clock;
    private final Function<String, Optional<StoredContext>> context;
    private final Consumer<String> revokeGrant;
    private final AuthorizationReader reader;
    private final DeviceConsent consent;

    DeviceGrant(OidcStore store, RegisteredClientRepository clients, Clock clock,
            Function<String, Optional<StoredContext>> context, Consumer<String> revokeGrant) {
        this.store = store;
        this.clock = clock;
        this.context = context;
        this.revokeGrant = revokeGrant;
        this.reader = new AuthorizationReader(clients);
        this.consent = new DeviceConsent(store, clock);
    }

    /**
     * {@code findByToken(state, STATE)} of a device authorization waiting on the consent page: adds
     * the user code (the one kept sealed under the state) and the device code's state, which SAS's
     * consent provider needs; other aggregates pass unchanged.
     */
    OAuth2Authorization withConsentCodes(OAuth2Authorization a, String state) {
        if (!AuthorizationGrantType.DEVICE_CODE.equals(a.getAuthorizationGrantType())) {
            return a;
        }
        Optional<DeviceAuthorization> found = consent.userCode(state)
                .flatMap(code -> store.deviceAuthorizations().findByUserCode(code));
        if (found.isEmpty()) {
            return null;
        }
        DeviceAuthorization d = found.get();
        ApprovalState st = d.state();
        return OAuth2Authorization.from(a)
                .token(new OAuth2UserCode(d.userCode(), d.createdAt(), d.expiresAt()),
                        md -> invalidated(md, st != ApprovalState.PENDING))
                .token(new OAuth2DeviceCode(DEVICE_CODE_NOT_RETURNED, d.createdAt(), d.expiresAt()),
                        md -> invalidated(md, st == ApprovalState.DENIED || st == ApprovalState.CONSUMED))
                .attribute(SasKeys.PRESENTED_USER, d.userCode()).build();
    }

    /** {@code findByToken(deviceCode, DEVICE_CODE)}: the token endpoint's poll. */
    OAuth2Authorization byDeviceCode(String value) {
        if (!Arguments.isStorableId(value)) {
            return null;
        }
        Optional<DeviceAuthorization> found = store.deviceAuthorizations().find(value);
        Optional<PollResult> poll = found.isEmpty() ? Optional.empty() : store.deviceAuthorizations().poll(value);
        if (poll.isEmpty()) {
            return null;
        }
        DeviceAuthorization d = found.get();
        String id = authorizationId(d);
        ApprovalState state = poll.get().state();
        if (state == ApprovalState.CONSUMED) {
            // the device code was redeemed before: a replay revokes what it issued
            if (id != null) {
                revokeGrant.accept(id);
            }
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
        if (state == ApprovalState.PENDING && poll.get().slowDown()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(SLOW_DOWN, null, ERROR_URI));
        }
        OAuth2Authorization base = base(id);
        if (base == null) {
            return null;
        }
        boolean denied = state == ApprovalState.DENIED;
        return OAuth2Authorization.from(base)
                .token(new OAuth2DeviceCode(value, d.createdAt(), d.expiresAt()), md -> invalidated(md, denied))
                .token(new OAuth2UserCode(USER_CODE_NOT_RETURNED, d.createdAt(), d.expiresAt()),
                        md -> invalidated(md, state != ApprovalState.PENDING))
                .attribute(SasKeys.PRESENTED_DEVICE, value).build();
    }

    /** {@code findByToken(userCode, USER_CODE)}: the verification page. */
    OAuth2Authorization byUserCode(String value) {
        Optional<DeviceAuthorization> found;
        try {
            found = store.deviceAuthorizations().findByUserCode(value);
        } catch (IllegalArgumentException e) {
            return null; // not a user code at all (nothing left once normalised)
        }
        if (found.isEmpty()) {
            return null;
        }
        DeviceAuthorization d = found.get();
        OAuth2Authorization base = base(authorizationId(d));
        if (base == null) {
            return null;
        }
        return OAuth2Authorization.from(base)
                .token(new OAuth2UserCode(value, d.createdAt(), d.expiresAt()),
                        md -> invalidated(md, d.state() != ApprovalState.PENDING))
                .attribute(SasKeys.PRESENTED_USER, value).build();
    }

    /**
     * The device half of a {@code save}, before the durable writes: a new request is saved, an
     * approval approves, a redemption consumes (so a lost race issues nothing), anything else that
     * invalidates the device code revokes the request.
     */
    void write(OAuth2Authorization a, RegisteredClient client) {
        OAuth2Authorization.Token<OAuth2DeviceCode> dc = a.getToken(OAuth2DeviceCode.class);
        OAuth2Authorization.Token<OAuth2UserCode> uc = a.getToken(OAuth2UserCode.class);
        String presentedDevice = a.getAttribute(SasKeys.PRESENTED_DEVICE);
        String presentedUser = a.getAttribute(SasKeys.PRESENTED_USER);
        DeviceAuthorizationStore devices = store.deviceAuthorizations();
        if (presentedDevice != null) {
            if (dc != null && dc.isInvalidated() && presentedDevice.equals(dc.getToken().getTokenValue())) {
                if (a.getAccessToken() != null) {
                    consume(presentedDevice, a.getId());
                } else {
                    devices.revoke(presentedDevice);
                }
            }
            return;
        }
        if (presentedUser != null) {
            if (uc != null && uc.isInvalidated() && presentedUser.equals(uc.getToken().getTokenValue())) {
                approveOrDeny(a, presentedUser);
                if (a.getAttribute(SasKeys.PRESENTED_STATE) instanceof String answered) {
                    consent.forget(answered);
                }
            } else if (uc != null && a.getAttribute(SasKeys.STATE) instanceof String state) {
                // SAS shows its consent page: the POST comes back with the state only
                consent.remember(state, presentedUser, uc.getToken().getExpiresAt());
            }
            return;
        }
        if (dc == null || uc == null || Boolean.TRUE.equals(a.getAttribute(SasKeys.REBUILT))) {
            return;
        }
        String deviceCode = dc.getToken().getTokenValue();
        if (devices.find(deviceCode).isPresent()) {
            return; // an aggregate built by the caller and saved again
        }
        Set<String> scopes = a.getAttribute(OAuth2ParameterNames.SCOPE);
        Instant created = dc.getToken().getIssuedAt() != null ? dc.getToken().getIssuedAt() : clock.instant();
        devices.save(DeviceAuthorization.pending(deviceCode, uc.getToken().getTokenValue(), client.getClientId(),
                scopes != null ? scopes : a.getAuthorizedScopes(), Map.of(AUTHORIZATION_ID, List.of(a.getId())),
                created, dc.getToken().getExpiresAt(), INTERVAL));
    }

    private void consume(String deviceCode, String authorizationId) {
        Optional<DeviceAuthorization> consumed;
        try {
            consumed = store.deviceAuthorizations().consume(deviceCode);
        } catch (AlreadyConsumedException e) {
            revokeGrant.accept(authorizationId);
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT), e);
        } catch (ConflictException e) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT), e);
        }
        if (consumed.isEmpty()) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
    }

    /** SAS approves by invalidating the user code and adding the principal; expiry invalidates it alone. */
    private void approveOrDeny(OAuth2Authorization a, String userCode) {
        Object principal = a.getAttribute(java.security.Principal.class.getName());
        OAuth2Authorization.Token<OAuth2DeviceCode> dc = a.getToken(OAuth2DeviceCode.class);
        try {
            Optional<DeviceAuthorization> done;
            if (principal instanceof Authentication user && (dc == null || !dc.isInvalidated())) {
                done = store.deviceAuthorizations().approveByUserCode(userCode,
                        Approval.of(a.getPrincipalName(), authTime(user)));
            } else {
                done = store.deviceAuthorizations().denyByUserCode(userCode);
            }
            if (done.isEmpty()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
        } catch (ConflictException e) {
            // approved or denied by a concurrent request
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT), e);
        }
    }

    private Instant authTime(Authentication user) {
        Instant at = null;
        for (GrantedAuthority g : user.getAuthorities()) {
            if (g instanceof FactorGrantedAuthority f && f.getIssuedAt() != null
                    && (at == null || f.getIssuedAt().isAfter(at))) {
                at = f.getIssuedAt();
            }
        }
        return at != null ? at : clock.instant();
    }

    private OAuth2Authorization base(String authorizationId) {
        if (authorizationId == null) {
            return null;
        }
        return context.apply(authorizationId).map(ctx -> reader.rebuild(ctx, null, null, false)).orElse(null);
    }

    private static String authorizationId(DeviceAuthorization d) {
        List<String> id = d.parameters().get(AUTHORIZATION_ID);
        return id == null || id.isEmpty() ? null : id.get(0);
    }

    private static void invalidated(Map<String, Object> md, boolean invalidated) {
        md.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, invalidated);
    }
}
