package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pushed authorization requests (RFC 9126) through SAS's real {@code /oauth2/par} and
 * {@code /oauth2/authorize?request_uri=…}: a request URI is used once, also when 16 requests
 * present it at the same moment (SAS makes it single use by {@code remove} after a lookup; the
 * adapter lets the store's delete of the state index decide, gap 7).
 */
class PushedAuthorizationRequestTest {
    private static final int THREADS = 16;
    private static final int ROUNDS = 10;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);
    private OidcStore store;
    private Flows flows;
    private String client;
    private String alice;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @BeforeEach
    void start() {
        store = Stores.composite();
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        client = "par-" + UUID.randomUUID();
        clients.save(Flows.client(client, false));
        alice = "alice-" + UUID.randomUUID();
        flows = new Flows(SasServer.start(new OidcStoreAuthorizationService(store, clients), clients,
                new OidcStoreAuthorizationConsentService(store, clients)));
    }

    /** POST /oauth2/par; returns the request URI. */
    private String push(String challenge) throws Exception {
        MockHttpServletResponse r = flows.send(post("/oauth2/par").header(HttpHeaders.AUTHORIZATION,
                Flows.basic(client)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("response_type", "code").param("client_id", client).param("redirect_uri", Flows.REDIRECT)
                .param("scope", "openid profile").param("state", "st-par").param("code_challenge", challenge)
                .param("code_challenge_method", "S256"));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
        String uri = Flows.json(r, "request_uri");
        assertThat(uri).startsWith("urn:ietf:params:oauth:request_uri:");
        return uri;
    }

    private MockHttpServletResponse authorize(String requestUri) {
        String uri = UriComponentsBuilder.fromPath("/oauth2/authorize").queryParam("client_id", client)
                .queryParam("request_uri", requestUri).encode().build().toUriString();
        return flows.send(get(URI.create(uri)).with(Flows.loggedIn(alice)));
    }

    @Test
    void aRequestUriWorksOnceAndItsCodeRedeems() throws Exception {
        String[] pkce = Flows.pkce();
        String requestUri = push(pkce[1]);

        MockHttpServletResponse first = authorize(requestUri);
        String code = Flows.queryParam(first, "code");
        assertThat(Flows.queryParam(first, "state")).isEqualTo("st-par");
        assertThat(store.authorizationCodes().find(code)).hasValueSatisfying(c -> {
            assertThat(c.subject()).isEqualTo(alice);
            assertThat(c.codeChallenge()).isEqualTo(pkce[1]);
        });

        MockHttpServletResponse second = authorize(requestUri);
        assertThat(second.getStatus()).isEqualTo(400);
        assertThat(second.getErrorMessage()).contains("invalid_request");

        MockHttpServletResponse tokens = flows.redeem(client, code, pkce[0]);
        assertThat(tokens.getStatus()).as(tokens.getContentAsString()).isEqualTo(200);
        assertThat(Flows.json(tokens, "id_token")).isNotBlank();
    }

    @Test
    void ofSixteenConcurrentUsesOfOneRequestUriExactlyOneAuthorizes() throws Exception {
        List<Integer> wins = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String requestUri = push(Flows.pkce()[1]);
            CyclicBarrier gate = new CyclicBarrier(THREADS);
            List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                answers.add(POOL.submit(() -> {
                    gate.await();
                    return authorize(requestUri);
                }));
            }
            int won = 0;
            for (Future<MockHttpServletResponse> f : answers) {
                MockHttpServletResponse r = f.get();
                if (r.getStatus() == 302 && r.getHeader(HttpHeaders.LOCATION).contains("code=")) {
                    won++;
                } else {
                    assertThat(r.getStatus()).as("a loser is refused, round " + round).isEqualTo(400);
                }
            }
            wins.add(won);
        }
        System.out.println("[par race] authorize successes per round over oidc-store (" + THREADS
                + " threads, " + ROUNDS + " rounds): " + wins);
        assertThat(wins).hasSize(ROUNDS).containsOnly(1);
    }
}
