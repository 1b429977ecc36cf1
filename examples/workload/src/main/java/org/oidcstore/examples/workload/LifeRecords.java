package org.oidcstore.examples.workload;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.ClientRevocation;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Grant;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.User;

/**
 * The records {@link LifeFlows} works on, written through the store as a provider writes them,
 * and what deleting them must report: the expected counts are fixed here by what is written.
 */
final class LifeRecords {
    /** Subjects holding tokens of the client that is deleted. */
    static final int CLIENT_SUBJECTS = 2;
    /** Per subject of that client: one grant, one refresh token, one access-token row, one opaque token. */
    static final ClientRevocation CLIENT_REVOCATION = new ClientRevocation(CLIENT_SUBJECTS, CLIENT_SUBJECTS,
            CLIENT_SUBJECTS, CLIENT_SUBJECTS);
    /** What {@link #subject} writes of the subject, per kind (the user record: the users backend is writable). */
    static final Map<StoreKind, Integer> ERASED = erased();

    private static Map<StoreKind, Integer> erased() {
        Map<StoreKind, Integer> m = new EnumMap<>(StoreKind.class);
        m.put(StoreKind.AUTHORIZATION_CODES, 1);
        m.put(StoreKind.REFRESH_TOKENS, 1);
        m.put(StoreKind.ACCESS_TOKENS, 1);
        m.put(StoreKind.OPAQUE_ACCESS_TOKENS, 1);
        m.put(StoreKind.AUTHORIZATION_CONTEXTS, 1);
        m.put(StoreKind.GRANTS, 1);
        m.put(StoreKind.SESSIONS, 2);
        m.put(StoreKind.INTERACTIONS, 1);
        m.put(StoreKind.DEVICE_AUTHORIZATIONS, 1);
        m.put(StoreKind.CIBA_REQUESTS, 1);
        m.put(StoreKind.USERS, 1);
        return Map.copyOf(m);
    }

    private final OidcStore store;
    private final Clock clock;

    LifeRecords(OidcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code n} sessions of {@code subject} and one of {@code other}, whose session is returned. */
    Session sessions(String subject, int n, String other) {
        for (int i = 0; i < n; i++) {
            store.sessions().save(session(subject, "device-" + i));
        }
        Session kept = session(other, "device-0");
        store.sessions().save(kept);
        return kept;
    }

    /** For each of {@link #CLIENT_SUBJECTS} subjects of {@code clientId}: a grant and its tokens. */
    void clientTokens(String clientId) {
        for (int i = 0; i < CLIENT_SUBJECTS; i++) {
            String subject = "life-client-user-" + i;
            store.inTransaction(() -> {
                Grant grant = grant(clientId, subject);
                store.refreshTokens().save(token(grant), null);
                store.accessTokens().register(jwt(grant));
                store.opaqueAccessTokens().save(opaque(grant));
                return null;
            });
        }
    }

    /** One record of {@code subject} in every kind an erasure visits ({@link #ERASED}). */
    void subject(String subject) {
        Instant now = clock.instant();
        String clientId = Workload.CLIENT_IDS.get(0);
        store.userRegistry().orElseThrow().save(new User(subject, Map.of("email", "\"" + subject + "@example.com\""),
                now));
        store.inTransaction(() -> {
            Grant grant = grant(clientId, subject);
            store.authorizationCodes().save(AuthorizationCode.builder().code(ProviderFlow.random("code-"))
                    .clientId(clientId).subject(subject).grantId(grant.grantId())
                    .redirectUri("https://shop.example/callback").scopes(List.of("openid")).expiresAt(now.plusSeconds(60))
                    .createdAt(now).build());
            store.refreshTokens().save(token(grant), null);
            store.accessTokens().register(jwt(grant));
            store.opaqueAccessTokens().save(opaque(grant));
            store.authorizationContexts().save(new AuthorizationContext(grant.grantId(), subject, clientId,
                    "{\"auth_time\":0,\"acr\":\"pwd\"}".getBytes(StandardCharsets.UTF_8), now, now.plusSeconds(3600)),
                    ProviderFlow.random("id-token-"));
            return null;
        });
        store.sessions().save(session(subject, "laptop"));
        store.sessions().save(session(subject, "phone"));
        store.interactions().save(new Interaction(ProviderFlow.random("ia-"),
                "{\"step\":\"consent\"}".getBytes(StandardCharsets.UTF_8), now, now.plusSeconds(600), subject));
        DeviceAuthorization tv = DeviceAuthorization.pending(ProviderFlow.random("dc-"), "LFRS-DZBJ", clientId,
                Set.of("openid"), Map.of(), now, now.plusSeconds(600), Duration.ofSeconds(5));
        store.deviceAuthorizations().save(tv);
        store.deviceAuthorizations().approve(tv.deviceCode(), LifeFlows.approval(subject, clock)).orElseThrow();
        store.cibaRequests().save(CibaRequest.pending(ProviderFlow.random("arq-"), clientId, subject,
                Set.of("openid"), List.of(), "Sign in at the kiosk?", CibaMode.POLL, null, now, now.plusSeconds(120),
                Duration.ofSeconds(5)));
    }

    /** A grant of {@code subject} for {@code clientId} and its first refresh token, saved. */
    RefreshToken refreshToken(String clientId, String subject) {
        return store.inTransaction(() -> {
            RefreshToken root = token(grant(clientId, subject));
            store.refreshTokens().save(root, null);
            return root;
        });
    }

    /** A new token of {@code parent}'s grant (not saved). */
    RefreshToken successorOf(RefreshToken parent) {
        Instant now = clock.instant();
        return RefreshToken.builder().token(ProviderFlow.random("rt-")).clientId(parent.clientId())
                .subject(parent.subject()).grantId(parent.grantId()).scopes(parent.scopes()).createdAt(now)
                .expiresAt(now.plus(ProviderFlow.REFRESH_TTL)).build();
    }

    private Grant grant(String clientId, String subject) {
        Instant now = clock.instant();
        return store.grants().save(Grant.builder().grantId(ProviderFlow.random("grant-")).subject(subject)
                .clientId(clientId).scopes(Set.of("openid", "offline_access")).createdAt(now)
                .expiresAt(now.plus(Duration.ofDays(365))).build());
    }

    private RefreshToken token(Grant grant) {
        Instant now = clock.instant();
        return RefreshToken.builder().token(ProviderFlow.random("rt-")).clientId(grant.clientId())
                .subject(grant.subject()).grantId(grant.grantId()).scopes(grant.scopes()).createdAt(now)
                .expiresAt(now.plus(ProviderFlow.REFRESH_TTL)).build();
    }

    private JwtAccessToken jwt(Grant grant) {
        Instant now = clock.instant();
        return new JwtAccessToken(ProviderFlow.random("jti-"), grant.clientId(), grant.subject(), grant.grantId(),
                Set.of("openid"), now, now.plusSeconds(300), false);
    }

    private OpaqueAccessToken opaque(Grant grant) {
        Instant now = clock.instant();
        return OpaqueAccessToken.builder().token(ProviderFlow.random("at-")).clientId(grant.clientId())
                .subject(grant.subject()).grantId(grant.grantId()).scopes(List.of("api:read")).issuedAt(now)
                .expiresAt(now.plusSeconds(300)).build();
    }

    private Session session(String subject, String device) {
        Instant now = clock.instant();
        return Session.builder().sessionId(ProviderFlow.random("sid-")).subject(subject)
                .chooserGroup("browser-" + subject + "-" + device).clientIds(List.of(Workload.CLIENT_IDS.get(0)))
                .createdAt(now).expiresAt(now.plus(Duration.ofHours(8))).build();
    }
}
