package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * 16 threads redeem one code, and separately rotate one refresh token, through SAS's token
 * endpoint, 50 rounds each. Over oidc-store exactly one request succeeds every round (the store's
 * single-winner consume). The same rounds over SAS's own {@code JdbcOAuth2AuthorizationService}
 * (on H2, SAS's schema, no transaction around the provider, as SAS runs it) are measured and
 * printed, not asserted: SAS looks the token up, checks it in Java and saves it back.
 */
class TokenEndpointRaceTest {
    static final int THREADS = 16;
    static final int ROUNDS = 50;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void overOidcStoreExactlyOneRedemptionAndOneRotationWinEveryRound() throws Exception {
        OidcStore store = Stores.composite();
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        String client = "race-" + UUID.randomUUID();
        clients.save(Flows.client(client, false));
        Flows flows = new Flows(SasServer.start(new OidcStoreAuthorizationService(store, clients), clients,
                new OidcStoreAuthorizationConsentService(store, clients)));

        List<Integer> codeWins = codeRounds(flows, client);
        List<Integer> refreshWins = refreshRounds(flows, client);
        report("oidc-store (composite: JPA on H2 + memory)", codeWins, refreshWins);
        assertThat(codeWins).hasSize(ROUNDS).containsOnly(1);
        assertThat(refreshWins).hasSize(ROUNDS).containsOnly(1);
    }

    @Test
    void overSasJdbcServiceTheWinnersAreCountedNotAsserted() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:sas-jdbc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                InputStream schema = JdbcOAuth2AuthorizationService.class
                        .getResourceAsStream("oauth2-authorization-schema.sql")) {
            st.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
        String client = "race-jdbc";
        RegisteredClient rc = Flows.client(client, false);
        InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(rc);
        Flows flows = new Flows(SasServer.start(new JdbcOAuth2AuthorizationService(new JdbcTemplate(ds), clients),
                clients, new InMemoryOAuth2AuthorizationConsentService()));

        List<Integer> codeWins = codeRounds(flows, client);
        List<Integer> refreshWins = refreshRounds(flows, client);
        report("SAS JdbcOAuth2AuthorizationService (H2)", codeWins, refreshWins);
        // what is asserted: the peer ran (every round had a winner); how many won is the measurement
        assertThat(codeWins).hasSize(ROUNDS).allSatisfy(n -> assertThat(n).isBetween(1, THREADS));
        assertThat(refreshWins).hasSize(ROUNDS).allSatisfy(n -> assertThat(n).isBetween(1, THREADS));
    }

    /** Per round: a fresh code, then 16 concurrent redemptions; the number of 200 responses. */
    private static List<Integer> codeRounds(Flows flows, String client) throws Exception {
        List<Integer> wins = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String[] pkce = Flows.pkce();
            String code = flows.code(client, "user-" + round, pkce[1]);
            wins.add(race(() -> flows.redeem(client, code, pkce[0])));
        }
        return wins;
    }

    /** Per round: a fresh refresh token, then 16 concurrent rotations; the number of 200 responses. */
    private static List<Integer> refreshRounds(Flows flows, String client) throws Exception {
        List<Integer> wins = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String[] pkce = Flows.pkce();
            MockHttpServletResponse tokens = flows.redeem(client, flows.code(client, "user-r" + round, pkce[1]),
                    pkce[0]);
            assertThat(tokens.getStatus()).as(tokens.getContentAsString()).isEqualTo(200);
            String refresh = Flows.json(tokens, "refresh_token");
            wins.add(race(() -> flows.refresh(client, refresh)));
        }
        return wins;
    }

    /** Runs {@code request} on 16 threads released together; every response is a 200 or an OAuth error. */
    private static int race(Callable request) throws Exception {
        CyclicBarrier gate = new CyclicBarrier(THREADS);
        List<Future<MockHttpServletResponse>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(POOL.submit(() -> {
                gate.await();
                return request.call();
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
        return ok;
    }

    private static void report(String peer, List<Integer> codeWins, List<Integer> refreshWins) {
        System.out.printf("RACE %s: %d threads x %d rounds%n  code redemption: successes per round %s, total %d,"
                + " distribution %s%n  refresh rotation: successes per round %s, total %d, distribution %s%n", peer,
                THREADS, ROUNDS, codeWins, sum(codeWins), histogram(codeWins), refreshWins, sum(refreshWins),
                histogram(refreshWins));
    }

    private static int sum(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<Integer, Integer> histogram(List<Integer> xs) {
        Map<Integer, Integer> h = new TreeMap<>();
        xs.forEach(x -> h.merge(x, 1, Integer::sum));
        return h;
    }

    /** One request of the race. */
    @FunctionalInterface
    interface Callable {
        MockHttpServletResponse call() throws Exception;
    }

}
