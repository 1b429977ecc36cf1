package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Grant;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.Session;
import org.oidcstore.store.User;
import org.oidcstore.store.UserRegistry;
import org.oidcstore.store.tck.Samples;

/**
 * Every engine stores, and returns unchanged, records at the size caps of the API records: each
 * collection 65,536 UTF-8 bytes (here 16 elements of 4,096 characters), each single text field
 * 4,096 characters, {@code Client.jwks} 65,536 characters. The collection elements are control
 * characters, which the JSON text of a collection column escapes six characters each (the worst
 * case: 393,216 characters of JSON for one collection); the single fields are characters outside
 * the BMP (four UTF-8 bytes each), stored as they are.
 */
class RecordsAtCapsTest {
    static final int ELEMENT_CHARS = 4_096;
    static final int COLLECTION_BYTES = 65_536;
    static final int JWKS_CHARS = 65_536;

    /** {@code n} characters of control characters (one UTF-8 byte, six JSON characters each), starting with {@code first}. */
    private static String controls(char first, int n) {
        StringBuilder b = new StringBuilder(n).append(first);
        for (int i = 1; i < n; i++) {
            b.append((char) (1 + i % 31));
        }
        return b.toString();
    }

    /** A collection at the byte cap: 16 distinct elements of 4,096 one-byte control characters. */
    static List<String> capped(char tag) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < COLLECTION_BYTES / ELEMENT_CHARS; i++) {
            // a one-byte (printable ASCII) first character keeps the elements distinct and the bytes exact
            out.add(controls((char) (0x21 + (tag - 0x21 + i) % 0x5E), ELEMENT_CHARS));
        }
        return out;
    }

    static Set<String> cappedSet(char tag) {
        return new LinkedHashSet<>(capped(tag));
    }

    /** A map at the byte cap: 16 entries whose key and value together hold 4,096 one-byte characters. */
    static Map<String, String> cappedMap(char tag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < COLLECTION_BYTES / ELEMENT_CHARS; i++) {
            out.put(controls((char) (0x21 + (tag - 0x21 + i) % 0x5E), 96), controls('v', ELEMENT_CHARS - 96));
        }
        return out;
    }

    /** {@code n} characters: the two-character {@code tag}, then four-byte characters (two chars each). */
    static String wide(String tag, int n) {
        if (tag.length() != 2 || n % 2 != 0) {
            throw new IllegalArgumentException("a two-character tag and an even length keep surrogate pairs whole");
        }
        return tag + "\uD83D\uDE00".repeat((n - 2) / 2);
    }

    /** A single text field at the cap: 4,096 characters, nearly all four-byte characters. */
    static String cappedText(String tag) {
        return wide(tag + "-", ELEMENT_CHARS);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyKindStoresAndReturnsARecordAtTheCaps(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        OidcStore store = f.store();
        Samples samples = new Samples(f.clock());
        Instant now = f.clock().now();

        Client client = samples.client("client-caps").toBuilder().redirectUris(cappedSet('a'))
                .postLogoutRedirectUris(cappedSet('b')).grantTypes(cappedSet('c')).responseTypes(cappedSet('d'))
                .scopes(cappedSet('e')).metadata(cappedMap('f')).clientName(cappedText("n"))
                .tokenEndpointAuthMethod(cappedText("m")).jwksUri(null).jwks(wide("{[", JWKS_CHARS)).build();
        ((ClientRegistry) store.clients()).register(client);
        assertThat(store.clients().find(client.clientId())).contains(client);

        User user = new User("sub-caps", cappedMap('g'), now);
        ((UserRegistry) store.users()).save(user);
        assertThat(store.users().find(user.subject())).contains(user);

        Grant grant = samples.grant("sub-caps", "client-caps").toBuilder().scopes(cappedSet('h'))
                .resources(capped('i')).build();
        assertThat(store.grants().save(grant)).isEqualTo(grant.withVersion(1));
        assertThat(store.grants().find(grant.grantId())).contains(grant.withVersion(1));

        AuthorizationCode code = samples.code(grant.grantId()).toBuilder().scopes(cappedSet('j'))
                .resources(capped('k')).amr(capped('l')).redirectUri(cappedText("r")).nonce(cappedText("o"))
                .acr(cappedText("a")).codeChallenge(cappedText("c")).build();
        store.authorizationCodes().save(code);
        assertThat(store.authorizationCodes().find(code.code())).contains(code);

        RefreshToken token = samples.refreshToken(grant.grantId()).toBuilder().scopes(cappedSet('m'))
                .resources(capped('n')).amr(capped('o')).nonce(cappedText("o")).acr(cappedText("a")).build();
        store.refreshTokens().save(token, null);
        assertThat(store.refreshTokens().find(token.token())).contains(token);

        JwtAccessToken jwt = new JwtAccessToken(Samples.secret("jti"), "client-caps", "sub-caps", grant.grantId(),
                cappedSet('p'), now, samples.expiry(), false);
        store.accessTokens().register(jwt);
        assertThat(store.accessTokens().find(jwt.jti())).contains(jwt);

        OpaqueAccessToken opaque = OpaqueAccessToken.builder().token(Samples.secret("at")).clientId("client-caps")
                .subject("sub-caps").grantId(grant.grantId()).scopes(cappedSet('q')).resources(capped('r'))
                .dpopJkt(cappedText("j")).certThumbprint(cappedText("x")).issuedAt(now).expiresAt(samples.expiry())
                .build();
        store.opaqueAccessTokens().save(opaque);
        assertThat(store.opaqueAccessTokens().find(opaque.token())).contains(opaque);

        Session session = samples.session(null).toBuilder().amr(capped('s')).clientIds(cappedSet('t'))
                .acr(cappedText("a")).build();
        store.sessions().save(session);
        assertThat(store.sessions().find(session.sessionId())).contains(session);

        Map<String, List<String>> parameters = new LinkedHashMap<>();
        cappedMap('u').forEach((k, v) -> parameters.put(k, List.of(v)));
        PushedAuthorizationRequest par = new PushedAuthorizationRequest(Samples.secret("urn:par"), "client-caps",
                parameters, now, samples.expiry());
        store.pushedAuthorizationRequests().save(par);
        assertThat(store.pushedAuthorizationRequests().find(par.requestUri())).contains(par);
    }

    /** Device authorizations and CIBA requests at the caps, approved (the approval's columns at the caps too). */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void deviceAuthorizationsAndCibaRequestsAtTheCapsRoundTrip(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        OidcStore store = f.store();
        Samples samples = new Samples(f.clock());
        Instant now = f.clock().now();
        Approval approval = new Approval(wide("s-", 512), cappedText("a"), capped('w'), now);

        Map<String, List<String>> parameters = new LinkedHashMap<>();
        cappedMap('u').forEach((k, v) -> parameters.put(k, List.of(v)));
        DeviceAuthorization base = samples.deviceAuthorization("client-caps");
        DeviceAuthorization device = DeviceAuthorization.pending(base.deviceCode(), base.userCode(), "client-caps",
                cappedSet('v'), parameters, now, samples.expiry(), base.interval());
        store.deviceAuthorizations().save(device);
        assertThat(store.deviceAuthorizations().find(device.deviceCode()))
                .contains(device.asFoundByDeviceCode(device.deviceCode()));
        assertThat(store.deviceAuthorizations().approve(device.deviceCode(), approval))
                .contains(device.withState(ApprovalState.APPROVED, approval).asFoundByDeviceCode(device.deviceCode()));
        assertThat(store.deviceAuthorizations().findByUserCode(device.userCode())).contains(device
                .withState(ApprovalState.APPROVED, approval).asFoundByUserCode(device.userCode()));

        CibaRequest ciba = CibaRequest.pending(Samples.secret("arid"), "client-caps", approval.subject(),
                cappedSet('x'), capped('y'), cappedText("b"), CibaMode.PUSH, wide("t-", 512), now, samples.expiry(),
                base.interval());
        store.cibaRequests().save(ciba);
        assertThat(store.cibaRequests().find(ciba.authReqId())).contains(ciba);
        assertThat(store.cibaRequests().approve(ciba.authReqId(), approval))
                .contains(ciba.withState(ApprovalState.APPROVED, approval));
    }
}
