package org.oidcstore.store.tck;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oidcstore.store.Approval;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Grant;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.Session;
import org.oidcstore.store.User;

/**
 * Realistic records with fresh identifiers and fully populated optional fields (so a backend that
 * drops a column fails the round-trip cases). Bearer values are 32 random bytes, long and unique
 * enough that finding one inside persisted state cannot be a coincidence.
 */
public final class Samples {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Default lifetime of sample records. */
    public static final Duration TTL = Duration.ofMinutes(10);

    private final MutableClock clock;

    public Samples(MutableClock clock) {
        this.clock = clock;
    }

    /** A random bearer-like value with a readable prefix. */
    public static String secret(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A random identifier (not a secret). */
    public static String id(String prefix) {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public Instant now() {
        return clock.now();
    }

    public Instant expiry() {
        return clock.now().plus(TTL);
    }

    public AuthorizationCode code(String grantId) {
        Instant now = now();
        return AuthorizationCode.builder().code(secret("code")).clientId("client-a").subject(id("sub"))
                .grantId(grantId).redirectUri("https://rp.example/cb?x=1").scopes(List.of("openid", "profile"))
                .resources(List.of("https://api.example/a", "https://api.example/b")).codeChallenge(id("chal"))
                .codeChallengeMethod("S256").nonce(id("nonce")).dpopJkt(id("jkt")).sessionId(id("sid"))
                .authTime(now.minusSeconds(30)).acr("urn:acr:mfa").amr(List.of("pwd", "otp")).expiresAt(expiry())
                .createdAt(now).build();
    }

    public AuthorizationCode code() {
        return code(id("grant"));
    }

    public RefreshToken refreshToken(String grantId) {
        Instant now = now();
        return RefreshToken.builder().token(secret("rt")).clientId("client-a").subject("sub-alice").grantId(grantId)
                .scopes(List.of("openid", "offline_access", "profile")).resources(List.of("https://api.example/a"))
                .authTime(now.minusSeconds(60)).acr("urn:acr:pwd").amr(List.of("pwd")).nonce(id("nonce"))
                .sessionId(id("sid")).dpopJkt(id("jkt")).certThumbprint(id("x5t")).expiresAt(now.plus(Duration.ofDays(1)))
                .createdAt(now).build();
    }

    public RefreshToken refreshToken() {
        return refreshToken(id("grant"));
    }

    public Grant grant(String subject, String clientId) {
        Instant now = now();
        return Grant.builder().grantId(id("grant")).subject(subject).clientId(clientId)
                .scopes(List.of("openid", "email")).resources(List.of("https://api.example/a")).createdAt(now)
                .updatedAt(now).expiresAt(now.plus(Duration.ofDays(30))).build();
    }

    public JwtAccessToken jwtAccessToken(String grantId) {
        return new JwtAccessToken(secret("jti"), "client-a", "sub-alice", grantId, Set.of("openid", "api"), now(),
                expiry(), false);
    }

    public OpaqueAccessToken opaqueAccessToken(String grantId) {
        return OpaqueAccessToken.builder().token(secret("at")).clientId("client-a").subject("sub-alice")
                .grantId(grantId).scopes(List.of("api:read")).resources(List.of("https://api.example/a"))
                .dpopJkt(id("jkt")).certThumbprint(id("x5t")).issuedAt(now()).expiresAt(expiry()).build();
    }

    public Session session(String chooserGroup) {
        Instant now = now();
        return Session.builder().sessionId(id("sid")).subject(id("sub")).chooserGroup(chooserGroup)
                .authTime(now.minusSeconds(5)).acr("urn:acr:pwd").amr(List.of("pwd", "hwk"))
                .clientIds(List.of("client-a", "client-b")).createdAt(now).updatedAt(now).expiresAt(expiry()).build();
    }

    public Interaction interaction(byte[] state) {
        return new Interaction(id("ia"), state, now(), expiry());
    }

    /**
     * State bytes that are not valid UTF-8 and include zero bytes, to catch lossy encodings.
     * Distinct seeds give distinct states (the seed's four bytes are embedded whole).
     */
    public static byte[] binaryState(int seed) {
        byte[] b = new byte[64];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        b[0] = 0;
        b[1] = (byte) 0xC3;
        b[2] = (byte) 0x28;
        b[3] = (byte) 0xFF;
        b[4] = (byte) (seed >>> 24);
        b[5] = (byte) (seed >>> 16);
        b[6] = (byte) (seed >>> 8);
        b[7] = (byte) seed;
        return b;
    }

    public PushedAuthorizationRequest par(String clientId) {
        return new PushedAuthorizationRequest(secret("urn:ietf:params:oauth:request_uri"), clientId,
                Map.of("response_type", List.of("code"), "scope", List.of("openid profile"),
                        "resource", List.of("https://api.example/a", "https://api.example/b"),
                        "claims", List.of("{\"id_token\":{\"acr\":{\"essential\":true}}}")),
                now(), expiry());
    }

    /** RFC 8628 §6.1's user-code alphabet: consonants only, no vowel to spell words with. */
    private static final String USER_CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ";

    /**
     * A random user code as a device shows it, {@code WDJB-MJHT}: eight letters (about 34 bits)
     * and a dash, short as RFC 8628 recommends, yet unlikely to appear by chance in persisted state.
     */
    public static String userCode() {
        StringBuilder b = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                b.append('-');
            }
            b.append(USER_CODE_LETTERS.charAt(RANDOM.nextInt(USER_CODE_LETTERS.length())));
        }
        return b.toString();
    }

    /** The polling interval of sample device and backchannel requests: 5 s (RFC 8628's default). */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    /** A new pending device authorization with fresh codes, as a device authorization endpoint saves it. */
    public DeviceAuthorization deviceAuthorization(String clientId) {
        return deviceAuthorization(clientId, userCode());
    }

    /** A new pending device authorization holding {@code userCode} and a fresh device code. */
    public DeviceAuthorization deviceAuthorization(String clientId, String userCode) {
        return deviceAuthorization(clientId, userCode, secret("dc"));
    }

    /** A new pending device authorization holding both given codes. */
    public DeviceAuthorization deviceAuthorization(String clientId, String userCode, String deviceCode) {
        return DeviceAuthorization.pending(deviceCode, userCode, clientId, Set.of("openid", "profile"),
                Map.of("resource", List.of("https://api.example/a", "https://api.example/b"),
                        "acr_values", List.of("urn:acr:mfa")), now(), expiry(), POLL_INTERVAL);
    }

    /** An approval by {@code subject}, with ACR, AMR and an auth time just before the store clock. */
    public Approval approval(String subject) {
        return new Approval(subject, "urn:acr:mfa", List.of("pwd", "otp"), now().minusSeconds(20));
    }

    /**
     * A new pending backchannel authentication request for a fresh subject, with a fresh
     * {@code auth_req_id} and, in ping and push modes, a fresh notification token.
     */
    public CibaRequest cibaRequest(CibaMode mode) {
        return CibaRequest.pending(secret("arid"), "client-a", id("sub"), Set.of("openid", "email"),
                List.of("urn:acr:mfa", "urn:acr:pwd"), "Order #" + id("bm"), mode,
                mode == CibaMode.POLL ? null : secret("cnt"), now(), expiry(), POLL_INTERVAL);
    }

    public Client client(String clientId) {
        return Client.builder(clientId).secretHash("$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo")
                .redirectUris(List.of("https://rp.example/cb", "https://rp.example/cb2"))
                .postLogoutRedirectUris(List.of("https://rp.example/bye")).grantTypes(List.of("authorization_code",
                        "refresh_token")).responseTypes(List.of("code")).scopes(List.of("openid", "profile"))
                .tokenEndpointAuthMethod("client_secret_basic").source(ClientSource.DYNAMIC)
                .jwksUri(java.net.URI.create("https://rp.example/jwks")).backchannelLogoutUri(
                        java.net.URI.create("https://rp.example/bcl")).backchannelLogoutSessionRequired(true)
                .clientName("Relying Party " + clientId).metadata(Map.of("logo_uri", "\"https://rp.example/l.png\"",
                        "contacts", "[\"ops@rp.example\"]")).build();
    }

    public User user(String subject) {
        return new User(subject, Map.of("email", "\"alice@example.com\"", "email_verified", "true",
                "address", "{\"country\":\"FR\"}"), now());
    }
}
