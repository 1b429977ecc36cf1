package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) through SAS's real
 * {@code /connect/logout} endpoint over the adapter on the composite: SAS looks the
 * {@code id_token_hint} up with {@code findByToken(hint, ID_TOKEN)}, which the adapter answers from
 * the ID-token digest bound to the grant's context (gap 2). Only the latest ID token of a grant is
 * accepted, as with SAS's own JDBC service.
 */
class RpInitiatedLogoutTest {
    private static final String LOGGED_OUT = "https://rp.example/logged-out";

    private OidcStore store;
    private MockMvc mvc;
    private Flows flows;
    private String client;

    @BeforeEach
    void start() {
        store = Stores.composite();
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        client = "rp-" + UUID.randomUUID();
        clients.save(RegisteredClient.from(Flows.client(client, false)).postLogoutRedirectUri(LOGGED_OUT).build());
        mvc = SasServer.start(new OidcStoreAuthorizationService(store, clients), clients,
                new OidcStoreAuthorizationConsentService(store, clients));
        flows = new Flows(mvc);
    }

    /** GET /connect/logout with the hint, this client and the registered post-logout redirect URI. */
    private MockHttpServletResponse logout(String idTokenHint) throws Exception {
        String uri = UriComponentsBuilder.fromPath("/connect/logout").queryParam("id_token_hint", idTokenHint)
                .queryParam("client_id", client).queryParam("post_logout_redirect_uri", LOGGED_OUT)
                .queryParam("state", "lo-1").encode().build().toUriString();
        return mvc.perform(get(java.net.URI.create(uri))).andReturn().getResponse();
    }

    @Test
    void theLatestIdTokenLogsOutAndARotatedAwayOneIsRefused() throws Exception {
        String[] pkce = Flows.pkce();
        MockHttpServletResponse first = flows.redeem(client, flows.code(client, "carol-" + UUID.randomUUID(), pkce[1]),
                pkce[0]);
        assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(200);
        String firstIdToken = Flows.json(first, "id_token");

        MockHttpServletResponse ok = logout(firstIdToken);
        assertThat(ok.getStatus()).as("logout with the ID token just issued").isEqualTo(302);
        assertThat(ok.getHeader(HttpHeaders.LOCATION)).isEqualTo(LOGGED_OUT + "?state=lo-1");

        MockHttpServletResponse second = flows.refresh(client, Flows.json(first, "refresh_token"));
        assertThat(second.getStatus()).as(second.getContentAsString()).isEqualTo(200);
        String secondIdToken = Flows.json(second, "id_token");
        assertThat(secondIdToken).isNotEqualTo(firstIdToken);

        MockHttpServletResponse stale = logout(firstIdToken);
        assertThat(stale.getStatus()).as("the ID token the refresh replaced").isEqualTo(400);
        assertThat(stale.getContentAsString() + stale.getErrorMessage()).contains("invalid_token");
        MockHttpServletResponse latest = logout(secondIdToken);
        assertThat(latest.getStatus()).as("the ID token of the refresh").isEqualTo(302);
        assertThat(latest.getHeader(HttpHeaders.LOCATION)).isEqualTo(LOGGED_OUT + "?state=lo-1");
    }

    @Test
    void anUnknownIdTokenIsRefusedAndNoRawIdTokenIsKept() throws Exception {
        String[] pkce = Flows.pkce();
        MockHttpServletResponse r = flows.redeem(client, flows.code(client, "dave-" + UUID.randomUUID(), pkce[1]),
                pkce[0]);
        assertThat(r.getStatus()).isEqualTo(200);
        String idToken = Flows.json(r, "id_token");
        String tampered = idToken.substring(0, idToken.length() - 2) + (idToken.endsWith("A") ? "BB" : "AA");
        MockHttpServletResponse refused = logout(tampered);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString() + refused.getErrorMessage()).contains("invalid_token");
        assertThat(store.authorizationContexts().findByIdToken(idToken)).hasValueSatisfying(c -> {
            assertThat(c.clientId()).isEqualTo(client);
            assertThat(new String(c.context(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(idToken);
        });
    }
}
