package org.oidcstore.store.composite.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Grant;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.Samples;

/**
 * One subject's records in every kind an erasure visits, written through a store, with the counts
 * an erasure of that subject must report (fixed here by what was written, not read back).
 */
public record ErasureSeed(String subject, Grant grant, AuthorizationCode code, RefreshToken root, RefreshToken child,
        JwtAccessToken jwt, OpaqueAccessToken opaque, List<Session> sessions, Interaction interaction,
        Interaction anonymousInteraction, DeviceAuthorization device, CibaRequest ciba) {

    /** Per kind: what {@link #write} stores of the subject. */
    public static final Map<StoreKind, Integer> EXPECTED = expected();

    private static Map<StoreKind, Integer> expected() {
        Map<StoreKind, Integer> m = new EnumMap<>(StoreKind.class);
        m.put(StoreKind.AUTHORIZATION_CODES, 1);
        m.put(StoreKind.REFRESH_TOKENS, 2); // a rotated chain: consumed root and live child
        m.put(StoreKind.ACCESS_TOKENS, 1);
        m.put(StoreKind.OPAQUE_ACCESS_TOKENS, 1);
        m.put(StoreKind.AUTHORIZATION_CONTEXTS, 1);
        m.put(StoreKind.GRANTS, 1);
        m.put(StoreKind.SESSIONS, 2);
        m.put(StoreKind.INTERACTIONS, 1); // the anonymous one names no subject: not found
        m.put(StoreKind.DEVICE_AUTHORIZATIONS, 1);
        m.put(StoreKind.CIBA_REQUESTS, 1);
        m.put(StoreKind.USERS, 1);
        return Map.copyOf(m);
    }

    /** Zero for every kind {@link #EXPECTED} names: what an erasure with nothing left reports. */
    public static Map<StoreKind, Integer> zeros() {
        Map<StoreKind, Integer> m = new EnumMap<>(StoreKind.class);
        EXPECTED.keySet().forEach(k -> m.put(k, 0));
        return m;
    }

    /** Writes {@code subject}'s records through {@code store}. */
    public static ErasureSeed write(OidcStore store, Samples samples, String subject) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Grant grant = store.grants().save(samples.grant(subject, "client-a"));
        AuthorizationCode code = samples.code(grant.grantId()).toBuilder().subject(subject).build();
        store.authorizationCodes().save(code);
        RefreshToken root = samples.refreshToken(grant.grantId()).toBuilder().subject(subject).build();
        store.refreshTokens().save(root, null);
        store.refreshTokens().consume(root.token());
        RefreshToken child = samples.refreshToken(grant.grantId()).toBuilder().subject(subject).build();
        store.refreshTokens().save(child, root.token());
        JwtAccessToken jwt = new JwtAccessToken("jti-" + tag, "client-a", subject, grant.grantId(),
                Set.of("openid"), samples.now(), samples.expiry(), false);
        store.accessTokens().register(jwt);
        OpaqueAccessToken o = samples.opaqueAccessToken(grant.grantId());
        OpaqueAccessToken opaque = OpaqueAccessToken.builder().token(o.token()).clientId(o.clientId()).subject(subject)
                .grantId(o.grantId()).scopes(o.scopes()).resources(o.resources()).issuedAt(o.issuedAt())
                .expiresAt(o.expiresAt()).build();
        store.opaqueAccessTokens().save(opaque);
        store.authorizationContexts().save(new org.oidcstore.store.AuthorizationContext(grant.grantId(), subject,
                "client-a", Samples.binaryState(3), samples.now(), samples.expiry()), "id-token-" + tag);
        List<Session> sessions = List.of(samples.session("g-" + tag).toBuilder().subject(subject).build(),
                samples.session("g2-" + tag).toBuilder().subject(subject).build());
        sessions.forEach(store.sessions()::save);
        Interaction interaction = new Interaction("ia-" + tag, Samples.binaryState(1), samples.now(),
                samples.expiry(), subject);
        Interaction anonymous = new Interaction("ia-anon-" + tag, Samples.binaryState(2), samples.now(),
                samples.expiry());
        store.interactions().save(interaction);
        store.interactions().save(anonymous);
        DeviceAuthorization pending = samples.deviceAuthorization("client-a");
        store.deviceAuthorizations().save(pending);
        DeviceAuthorization device = store.deviceAuthorizations().approve(pending.deviceCode(),
                samples.approval(subject)).orElseThrow();
        CibaRequest c = samples.cibaRequest(CibaMode.POLL);
        CibaRequest ciba = CibaRequest.pending(c.authReqId(), c.clientId(), subject, c.scopes(), c.acrValues(),
                c.bindingMessage(), CibaMode.POLL, null, samples.now(), samples.expiry(), Duration.ofSeconds(5));
        store.cibaRequests().save(ciba);
        store.userRegistry().orElseThrow().save(samples.user(subject));
        return new ErasureSeed(subject, grant, code, root, child, jwt, opaque, sessions, interaction, anonymous,
                device, ciba);
    }

    /** Whether each durable record of the subject is still there ({@code true}) or gone. */
    public void assertDurable(OidcStore store, boolean present) {
        assertThat(store.grants().find(grant.grantId()).isPresent()).as("grant").isEqualTo(present);
        assertThat(store.authorizationCodes().find(code.code()).isPresent()).as("code").isEqualTo(present);
        assertThat(store.refreshTokens().find(child.token()).isPresent()).as("refresh token").isEqualTo(present);
        assertThat(store.opaqueAccessTokens().find(opaque.token()).isPresent()).as("opaque token").isEqualTo(present);
        assertThat(store.authorizationContexts().find(grant.grantId()).isPresent()).as("authorization context")
                .isEqualTo(present);
        assertThat(store.accessTokens().find(jwt.jti()).isPresent()).as("access-token row").isEqualTo(present);
        assertThat(store.userRegistry().orElseThrow().find(subject).isPresent()).as("user").isEqualTo(present);
    }

    /** Whether each volatile record of the subject is still there ({@code true}) or gone. */
    public void assertVolatile(OidcStore store, boolean present) {
        assertThat(store.interactions().find(interaction.interactionId()).isPresent()).as("interaction")
                .isEqualTo(present);
        assertThat(store.deviceAuthorizations().find(device.deviceCode()).isPresent()).as("device authorization")
                .isEqualTo(present);
        assertThat(store.cibaRequests().find(ciba.authReqId()).isPresent()).as("CIBA request").isEqualTo(present);
    }

    /** Whether the sessions are there. */
    public void assertSessions(OidcStore store, boolean present) {
        for (Session s : sessions) {
            assertThat(store.sessions().find(s.sessionId()).isPresent()).as("session").isEqualTo(present);
        }
    }

    /** Everything is still there (another subject's records after an erasure). */
    public void assertAllPresent(OidcStore store) {
        assertDurable(store, true);
        assertVolatile(store, true);
        assertSessions(store, true);
        assertThat(store.interactions().find(anonymousInteraction.interactionId())).isPresent();
    }
}
