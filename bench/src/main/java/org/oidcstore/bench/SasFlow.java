package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import java.util.List;
import java.util.Map;
import org.oidcstore.spring.sas.OidcStoreAuthorizationService;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.memory.MemoryStores;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Issue #21 proof 4: Spring Authorization Server's code flow on oidc-store (the adapter's
 * {@code OidcStoreAuthorizationService} over the composite: JPA on MariaDB for codes, refresh and
 * access tokens and the authorization's context, the memory tier for the volatile kinds)
 * against SAS on its own {@code JdbcOAuth2AuthorizationService}, on the same MariaDB, driven in the
 * sequence SAS's providers call the service ({@link SasProviderFlow}). Both contenders share one
 * in-memory {@code RegisteredClientRepository}. 1 and 16 threads, closed loop, rotating rounds.
 */
final class SasFlow {
    static final String CASE = "sas-flow";
    static final String OURS = "oidc-store adapter (composite)";
    static final String SAS = "SAS JdbcOAuth2AuthorizationService";

    private SasFlow() {
    }

    static void run() throws java.sql.SQLException {
        Summary.reset(CASE);
        long t0 = System.nanoTime();
        Db.recreate();
        ServerCpu server = new ServerCpu(Db.engine());
        JpaStore jpa = Db.openJpa();
        Db.createSpringSchema();
        RegisteredClient client = SasProviderFlow.client();
        InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(client);
        OidcStore composite = Composites.withMetrics(jpa, MemoryStores.open());
        AgroalDataSource pool = Db.autoCommitPool();
        List<Flow> flows = List.of(
                new SasProviderFlow(OURS, new OidcStoreAuthorizationService(composite, clients), client, () -> { }),
                new SasProviderFlow(SAS, new JdbcOAuth2AuthorizationService(new JdbcTemplate(pool), clients), client,
                        pool));
        Bench.log("sas flow: database, schemas and stores ready in %.1f s", (System.nanoTime() - t0) / 1e9);
        try {
            if (!Bench.ONLY.isEmpty()) {
                // profiling: one contender alone, no tables
                Flow f = flows.stream().filter(x -> x.name().contains(Bench.ONLY)).findFirst().orElseThrow();
                for (int threads : Bench.CONCURRENCY) {
                    Load.Result r = Load.timed(threads, Bench.size(30_000, 5_000) * 1_000_000L, 3, f::run);
                    Bench.log("%s, %d thread(s): %.1f flows/s", f.name(), threads, r.opsPerSecond());
                }
                return;
            }
            long warm = Long.getLong("bench.sas.warm-ms", Bench.size(4_000, 300)) * 1_000_000L;
            long round = Bench.size(4_000, 600) * 1_000_000L;
            int rounds = Bench.rounds(5, 1);
            Md md = new Md();
            md.h(2, "SAS flow: Spring Authorization Server on oidc-store vs on its JDBC service (issue #21)");
            md.p(Md.f("One *flow* = SAS's authorization-code flow with OpenID Connect as its providers call the"
                    + " `OAuth2AuthorizationService` (sequence read from SAS 7.1.2's sources; web stack, client"
                    + " authentication and JWT signing left out, the same for both): **issue** = `save` (principal,"
                    + " authorization request, code); **redeem** = `findByToken(code)` twice (PKCE check, then the"
                    + " grant) + `save` (JWT access token with its claims, refresh token, ID token with its claims,"
                    + " code invalidated); **rotate** = `findByToken(refresh)` + `save` (new access, refresh and ID"
                    + " tokens). *ours* = the adapter over the composite (JPA on MariaDB under Narayana JTA for codes,"
                    + " refresh and access tokens and the authorization's context, digested or sealed; single"
                    + " use of codes and refresh tokens by the store's consume); *SAS JDBC* = `JdbcOAuth2AuthorizationService`"
                    + " on its own table (schema from its jar, `blob` → `text`, prefix indexes on the token columns),"
                    + " auto-commit, no transaction around a provider (as SAS runs it; values in clear, single use"
                    + " checked in Java). One in-memory client repository for both. Closed loop, %d round(s) of"
                    + " %.1f s per contender after a %.1f s warm-up, rotating order; pools of %d connections."
                    + " Flows/s: median (± half the min–max range); latency p50 / p99 over all rounds, ms; CPU per"
                    + " flow (median over rounds): *client* = this JVM, *MariaDB* = the server threads of the bench database's connections.",
                    rounds, round / 1e9, warm / 1e9, Bench.POOL));
            for (int threads : Bench.CONCURRENCY) {
                Bench.log("sas flow: %d thread(s), %d round(s)", threads, rounds);
                table(md, threads, DurableFlow.measureRounds(flows, threads, warm, round, rounds, server));
            }
            SasStatementProbe.run(md, jpa, client, clients);
            md.p(Md.f("Rows at the end: oidc_authorization_code %,d, oidc_refresh_token %,d,"
                    + " oidc_opaque_access_token %,d, oauth2_authorization %,d.", Db.count("oidc_authorization_code"),
                    Db.count("oidc_refresh_token"), Db.count("oidc_opaque_access_token"),
                    Db.count("oauth2_authorization")));
            md.write(Bench.OUT.resolve(CASE + ".md"));
        } finally {
            flows.forEach(Flow::close);
            jpa.close();
        }
        if (!Boolean.getBoolean("bench.keep-db")) {
            Db.drop();
        }
    }

    private static void table(Md md, int threads, Map<String, DurableFlow.Series> res) {
        md.h(3, threads + " thread(s)");
        Md.Table t = md.table("contender", "flows/s", "issue p50 / p99", "redeem p50 / p99", "rotate p50 / p99",
                "ours ÷ this (flows/s)", "client CPU ms/flow", "MariaDB CPU ms/flow");
        Stats ours = Stats.of(res.get(OURS).flows);
        for (Map.Entry<String, DurableFlow.Series> e : res.entrySet()) {
            DurableFlow.Series s = e.getValue();
            t.row(e.getKey(), Stats.of(s.flows).medianWithSpread("%,.1f"), DurableFlow.lat(s.steps[0]),
                    DurableFlow.lat(s.steps[1]), DurableFlow.lat(s.steps[2]),
                    e.getKey().equals(OURS) ? "–" : Stats.ratio(ours, Stats.of(s.flows)),
                    Md.f("%.2f", Stats.of(s.clientCpuMs).median()), Md.f("%.2f", Stats.of(s.dbCpuMs).median()));
        }
        t.end();
        Stats sas = Stats.of(res.get(SAS).flows);
        Summary.row(CASE, "#21 · SAS flow, " + threads + " thread(s): SAS on oidc-store / SAS on its JDBC service"
                + " (flows/s)", "≥ 1.0x", Stats.ratio(ours, sas), Summary.atLeast(Stats.ratioValue(ours, sas), 1.0));
    }
}
