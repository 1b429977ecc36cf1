package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.OidcStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * SAS's device authorization grant (RFC 8628) through its real endpoints
 * ({@code /oauth2/device_authorization}, {@code /oauth2/device_verification}, the token endpoint
 * with {@code grant_type=urn:ietf:params:oauth:grant-type:device_code}) over the adapter: the
 * request lives in the store's {@code DEVICE_AUTHORIZATIONS}, polling answers
 * {@code authorization_pending} and {@code slow_down}, the device code is single use through the
 * store.
 */
class DeviceGrantTest {
    private static final String GRANT = AuthorizationGrantType.DEVICE_CODE.getValue();
    private static final int THREADS = 16;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);
    private static OidcStore store;
    private static Flows flows;
    private static String client;
    private static OidcStoreAuthorizationConsentService consents;

    @BeforeAll
    static void start() {
        store = Stores.composite();
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        client = "device-" + UUID.randomUUID();
        clients.save(RegisteredClient.withId(client).clientId(client)
                .clientSecret("{bcrypt}" + new BCryptPasswordEncoder(4).encode(Flows.SECRET))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).scope("api")
                .tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build()).build());
        consents = new OidcStoreAuthorizationConsentService(store, clients);
        flows = new Flows(SasServer.start(new OidcStoreAuthorizationService(store, clients), clients, consents));
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void pendingThenSlowDownThenApprovedThenTokensOnceAndAReplayRevokesThem() throws Exception {
        String[] codes = authorize();
        String deviceCode = codes[0];
        String userCode = codes[1];
        assertThat(store.deviceAuthorizations().find(deviceCode)).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(ApprovalState.PENDING))
                .satisfies(d -> assertThat(d.clientId()).isEqualTo(client));

        MockHttpServletResponse pending = poll(deviceCode);
        assertThat(pending.getStatus()).isEqualTo(400);
        assertThat(Flows.json(pending, "error")).isEqualTo("authorization_pending");
        MockHttpServletResponse early = poll(deviceCode);
        assertThat(early.getStatus()).isEqualTo(400);
        assertThat(Flows.json(early, "error")).isEqualTo("slow_down");

        MockHttpServletResponse verified = verify(userCode, "alice");
        assertThat(verified.getStatus()).as(verified.getContentAsString() + " " + verified.getErrorMessage()).isEqualTo(302);
        assertThat(verified.getHeader(HttpHeaders.LOCATION)).contains("success");
        assertThat(store.deviceAuthorizations().find(deviceCode)).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(ApprovalState.APPROVED))
                .satisfies(d -> assertThat(d.approval().subject()).isEqualTo("alice"));

        MockHttpServletResponse tokens = poll(deviceCode);
        assertThat(tokens.getStatus()).as(tokens.getContentAsString()).isEqualTo(200);
        String access = Flows.json(tokens, "access_token");
        String refresh = Flows.json(tokens, "refresh_token");
        assertThat(access).isNotBlank();
        assertThat(refresh).isNotBlank();
        assertThat(store.deviceAuthorizations().find(deviceCode)).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(ApprovalState.CONSUMED));
        assertThat(Flows.json(flows.introspect(client, access), "active")).isEqualTo("true");
        assertThat(Flows.json(flows.introspect(client, access), "sub")).isEqualTo("alice");

        MockHttpServletResponse replay = poll(deviceCode);
        assertThat(replay.getStatus()).isEqualTo(400);
        assertThat(Flows.json(replay, "error")).isEqualTo("invalid_grant");
        assertThat(Flows.json(flows.introspect(client, access), "active")).isEqualTo("false");
        assertThat(store.refreshTokens().find(refresh)).get().satisfies(r -> assertThat(r.revoked()).isTrue());
    }

    @Test
    void aSecondVerificationOfOneUserCodeIsRefusedAndAnUnknownUserCodeIsNotApproved() throws Exception {
        String[] codes = authorize();
        assertThat(verify(codes[1], "bob").getStatus()).isEqualTo(302);
        MockHttpServletResponse again = verify(codes[1], "mallory");
        assertThat(again.getStatus()).isNotEqualTo(302);
        assertThat(store.deviceAuthorizations().find(codes[0])).get()
                .satisfies(d -> assertThat(d.approval().subject()).isEqualTo("bob"));

        MockHttpServletResponse unknown = verify("ZZZZ-ZZZZ", "bob");
        assertThat(unknown.getStatus()).isNotEqualTo(302);
    }

    @Test
    void sixteenConcurrentRedemptionsOfOneApprovedDeviceCodeIssueTokensOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            String[] codes = authorize();
            assertThat(verify(codes[1], "carol-" + round).getStatus()).isEqualTo(302);
            CyclicBarrier gate = new CyclicBarrier(THREADS);
            List<Future<MockHttpServletResponse>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                results.add(POOL.submit(() -> {
                    gate.await();
                    return poll(codes[0]);
                }));
            }
            int ok = 0;
            for (Future<MockHttpServletResponse> f : results) {
                MockHttpServletResponse r = f.get();
                if (r.getStatus() == 200) {
                    ok++;
                } else {
                    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(400);
                    assertThat(Flows.json(r, "error")).isEqualTo("invalid_grant");
                }
            }
            assertThat(ok).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void throughSasConsentPageApprovalIssuesTokensAndDenialAnswersAccessDenied() throws Exception {
        String[] codes = authorize();
        String state = consentPage(codes[1], "dave");
        assertThat(store.deviceAuthorizations().find(codes[0])).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(ApprovalState.PENDING));
        MockHttpServletResponse consented = consent(codes[1], state, "dave", true);
        assertThat(consented.getStatus()).as(consented.getContentAsString()).isEqualTo(302);
        assertThat(store.deviceAuthorizations().find(codes[0])).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(ApprovalState.APPROVED))
                .satisfies(d -> assertThat(d.approval().subject()).isEqualTo("dave"));
        assertThat(poll(codes[0]).getStatus()).isEqualTo(200);
        // the state was single use
        assertThat(consent(codes[1], state, "dave", true).getStatus()).isNotEqualTo(302);

        String[] denied = authorize();
        String deniedState = consentPage(denied[1], "erin");
        assertThat(consent(denied[1], deniedState, "erin", false).getStatus()).isNotEqualTo(302);
        assertThat(store.deviceAuthorizations().find(denied[0])).get()
                .satisfies(d -> assertThat(d.state()).isEqualTo(ApprovalState.DENIED));
        MockHttpServletResponse refused = poll(denied[0]);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(Flows.json(refused, "error")).isEqualTo("access_denied");
    }

    /** The verification page of a user without a stored consent: SAS's consent page; returns its state. */
    private static String consentPage(String userCode, String user) throws Exception {
        MockHttpServletResponse page = flows.send(get(java.net.URI.create("/oauth2/device_verification?user_code="
                + java.net.URLEncoder.encode(userCode, java.nio.charset.StandardCharsets.UTF_8)))
                .with(Flows.loggedIn(user)));
        assertThat(page.getStatus()).isEqualTo(200);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"state\" value=\"([^\"]+)\"")
                .matcher(page.getContentAsString());
        assertThat(m.find()).as(page.getContentAsString()).isTrue();
        return m.group(1);
    }

    private static MockHttpServletResponse consent(String userCode, String state, String user, boolean approve) {
        var request = post("/oauth2/device_verification").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("client_id", client).param("state", state).param("user_code", userCode)
                .with(Flows.loggedIn(user));
        if (approve) {
            request.param("scope", "api");
        }
        return flows.send(request);
    }

    /** POST /oauth2/device_authorization; returns [device_code, user_code]. */
    private static String[] authorize() throws Exception {
        MockHttpServletResponse r = flows.send(post("/oauth2/device_authorization")
                .header(HttpHeaders.AUTHORIZATION, Flows.basic(client))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("client_id", client).param("scope", "api"));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        return new String[] {Flows.json(r, "device_code"), Flows.json(r, "user_code")};
    }

    /**
     * The verification page as a user who consented to the client's scope before: SAS approves at
     * once (without a stored consent it shows its consent page: the consent test).
     */
    private static MockHttpServletResponse verify(String userCode, String user) {
        if (consents.findById(client, user) == null) {
            consents.save(org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent
                    .withId(client, user).scope("api").build());
        }
        // SAS reads the user code from the query string
        return flows.send(get(java.net.URI.create("/oauth2/device_verification?user_code="
                + java.net.URLEncoder.encode(userCode, java.nio.charset.StandardCharsets.UTF_8)))
                .with(Flows.loggedIn(user)));
    }

    private static MockHttpServletResponse poll(String deviceCode) {
        return flows.send(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, Flows.basic(client))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", GRANT)
                .param("device_code", deviceCode));
    }
}
