package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshToken;
import org.springframework.mock.web.MockHttpServletResponse;

/** SAS's real endpoints over the adapter on the composite (JPA on H2 + memory). */
class SasEndpointsTest {
    private OidcStore store;
    private Flows flows;
    private String client;
    private String consentClient;
    private String alice;

    @BeforeEach
    void start() {
        store = Stores.composite();
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        client = "web-" + UUID.randomUUID();
        consentClient = "consent-" + UUID.randomUUID();
        clients.save(Flows.client(client, false));
        clients.save(Flows.client(consentClient, true));
        alice = "alice-" + UUID.randomUUID();
        flows = new Flows(SasServer.start(new OidcStoreAuthorizationService(store, clients), clients,
                new OidcStoreAuthorizationConsentService(store, clients)));
    }

    @Test
    void codeWithPkceIssuesTokensAndAReplayRevokesThem() throws Exception {
        String[] pkce = Flows.pkce();
        String code = flows.code(client, alice, pkce[1]);
        assertThat(store.authorizationCodes().find(code)).hasValueSatisfying(c -> {
            assertThat(c.subject()).isEqualTo(alice);
            assertThat(c.codeChallenge()).isEqualTo(pkce[1]);
            assertThat(c.isConsumed()).isFalse();
        });

        MockHttpServletResponse r = flows.redeem(client, code, pkce[0]);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        String access = Flows.json(r, "access_token");
        String refresh = Flows.json(r, "refresh_token");
        assertThat(access).isNotBlank();
        assertThat(refresh).isNotBlank();
        assertThat(Flows.json(r, "id_token")).isNotBlank();
        assertThat(store.authorizationCodes().find(code)).hasValueSatisfying(c -> assertThat(c.isConsumed()).isTrue());
        RefreshToken stored = store.refreshTokens().find(refresh).orElseThrow();
        assertThat(stored.revoked()).isFalse();
        assertThat(stored.subject()).isEqualTo(alice);
        assertThat(Flows.json(flows.introspect(client, access), "active")).isEqualTo("true");

        MockHttpServletResponse replay = flows.redeem(client, code, pkce[0]);
        assertThat(replay.getStatus()).isEqualTo(400);
        assertThat(Flows.json(replay, "error")).isEqualTo("invalid_grant");
        assertThat(store.refreshTokens().find(refresh).orElseThrow().revoked()).isTrue();
        assertThat(Flows.json(flows.introspect(client, access), "active")).isEqualTo("false");
        assertThat(flows.refresh(client, refresh).getStatus()).isEqualTo(400);
    }

    @Test
    void aWrongCodeVerifierIsRefused() throws Exception {
        String[] pkce = Flows.pkce();
        String code = flows.code(client, alice, pkce[1]);
        MockHttpServletResponse r = flows.redeem(client, code, Flows.pkce()[0]);
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(Flows.json(r, "error")).isEqualTo("invalid_grant");
        assertThat(store.authorizationCodes().find(code)).hasValueSatisfying(c -> assertThat(c.isConsumed()).isFalse());
    }

    @Test
    void refreshRotatesAndAReplayRevokesTheChain() throws Exception {
        String[] pkce = Flows.pkce();
        MockHttpServletResponse first = flows.redeem(client, flows.code(client, alice, pkce[1]), pkce[0]);
        String rt1 = Flows.json(first, "refresh_token");

        MockHttpServletResponse second = flows.refresh(client, rt1);
        assertThat(second.getStatus()).as(second.getContentAsString()).isEqualTo(200);
        String rt2 = Flows.json(second, "refresh_token");
        String at2 = Flows.json(second, "access_token");
        assertThat(rt2).isNotEqualTo(rt1);
        assertThat(Flows.json(second, "id_token")).isNotBlank();
        assertThat(store.refreshTokens().find(rt1).orElseThrow().isConsumed()).isTrue();
        assertThat(store.refreshTokens().find(rt2).orElseThrow().revoked()).isFalse();

        MockHttpServletResponse replay = flows.refresh(client, rt1);
        assertThat(replay.getStatus()).isEqualTo(400);
        assertThat(Flows.json(replay, "error")).isEqualTo("invalid_grant");
        assertThat(store.refreshTokens().find(rt2).orElseThrow().revoked()).isTrue();
        assertThat(flows.refresh(client, rt2).getStatus()).isEqualTo(400);
        assertThat(Flows.json(flows.introspect(client, at2), "active")).isEqualTo("false");
    }

    @Test
    void clientCredentialsIssueAnAccessTokenThatIntrospects() throws Exception {
        MockHttpServletResponse r = flows.clientCredentials(client, "api");
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        String access = Flows.json(r, "access_token");
        assertThat(Flows.json(r, "refresh_token")).isNull();
        MockHttpServletResponse i = flows.introspect(client, access);
        assertThat(Flows.json(i, "active")).isEqualTo("true");
        assertThat(Flows.json(i, "client_id")).isEqualTo(client);
        assertThat(Flows.json(flows.introspect(client, "not-a-token"), "active")).isEqualTo("false");
    }

    @Test
    void revokedAccessAndRefreshTokensAreInactive() throws Exception {
        String[] pkce = Flows.pkce();
        MockHttpServletResponse tokens = flows.redeem(client, flows.code(client, alice, pkce[1]), pkce[0]);
        String access = Flows.json(tokens, "access_token");
        String refresh = Flows.json(tokens, "refresh_token");
        assertThat(Flows.json(flows.introspect(client, refresh), "active")).isEqualTo("true");

        assertThat(flows.revoke(client, access).getStatus()).isEqualTo(200);
        assertThat(Flows.json(flows.introspect(client, access), "active")).isEqualTo("false");
        assertThat(Flows.json(flows.introspect(client, refresh), "active")).isEqualTo("true");

        assertThat(flows.revoke(client, refresh).getStatus()).isEqualTo(200);
        assertThat(store.refreshTokens().find(refresh).orElseThrow().revoked()).isTrue();
        assertThat(Flows.json(flows.introspect(client, refresh), "active")).isEqualTo("false");
        assertThat(flows.refresh(client, refresh).getStatus()).isEqualTo(400);
    }

    @Test
    void consentIsAskedOnceAndKeptAsAGrant() throws Exception {
        String[] pkce = Flows.pkce();
        MockHttpServletResponse page = flows.authorize(consentClient, alice, pkce[1], "openid profile");
        assertThat(page.getStatus()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(page.getContentAsString());
        assertThat(m.find()).as(page.getContentAsString()).isTrue();
        String state = m.group(1);

        MockHttpServletResponse approved = flows.send(post("/oauth2/authorize").param("client_id", consentClient)
                .param("state", state).param("scope", "profile").with(Flows.loggedIn(alice)));
        String code = Flows.queryParam(approved, "code");
        assertThat(store.grants().findActive(alice, consentClient)).hasValueSatisfying(
                g -> assertThat(g.scopes()).contains("profile"));
        MockHttpServletResponse tokens = flows.redeem(consentClient, code, pkce[0]);
        assertThat(tokens.getStatus()).as(tokens.getContentAsString()).isEqualTo(200);

        // the state was single use
        MockHttpServletResponse again = flows.send(post("/oauth2/authorize").param("client_id", consentClient)
                .param("state", state).param("scope", "profile").with(Flows.loggedIn(alice)));
        assertThat(again.getStatus()).isNotEqualTo(302);

        // the consent is remembered: the next authorization redirects at once
        String[] pkce2 = Flows.pkce();
        assertThat(Flows.queryParam(flows.authorize(consentClient, alice, pkce2[1], "openid profile"), "code"))
                .isNotBlank();
    }
}
