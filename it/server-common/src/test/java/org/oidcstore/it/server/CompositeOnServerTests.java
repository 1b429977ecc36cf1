package org.oidcstore.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.transaction.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.Grant;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * The smoke tests every server runs in the container (the test instance lives in the deployed WAR
 * and gets its fields injected by the server's CDI): injection of the composite, atomic commit and
 * rollback of cluster writes in the server's JTA transaction through the JPA tier, and the volatile
 * tier (which never joins the transaction); and, from the client, that the application's own
 * JAX-RS endpoint in the same WAR still writes and reads JSON with JSON-B. Subclasses give the
 * deployment and the expected volatile backend.
 */
public abstract class CompositeOnServerTests {

    @Inject
    protected OidcStore store;

    @Inject
    protected CompositeStore composite;

    @Inject
    protected ClusterWriter writer;

    @Inject
    protected ConsumedJwtIdStore jwtIds;

    @Inject
    protected PushedAuthorizationRequestStore pars;

    @Inject
    protected AuthorizationCodeStore codes;

    protected final Samples samples = new Samples(MutableClock.startingNow());

    /** {@code memory} or {@code redis}. */
    protected abstract String volatileBackend();

    /** The JNDI name of the server's JTA data source the JPA tier is configured with. */
    protected abstract String dataSourceJndi();

    /** The deployment's context root: the WAR's name without {@code .war}. */
    protected abstract String contextRoot();

    /**
     * The store's jars must not change how the application serialises JSON: a token response whose
     * fields carry {@code @JsonbProperty} goes out, and comes back in, under the annotated names.
     * Jackson (which WildFly switches to when it finds a Jackson annotation anywhere in the WAR)
     * or EclipseLink's {@code MOXyJsonProvider} (a {@code @Provider} in the all-in-one EclipseLink
     * jar) would write {@code accessToken} and ignore {@code access_token} on input.
     */
    @Test
    @RunAsClient
    void theApplicationsJsonEndpointKeepsItsJsonBindingNames() throws Exception {
        URI token = URI.create("http://127.0.0.1:8080/" + contextRoot() + "/api/token");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(token).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals("{\"access_token\":\"not-a-real-token\",\"expires_in\":300,\"token_type\":\"Bearer\"}",
                issued.body(), "JSON-B's names and order, as the same class alone in a WAR writes them");

        HttpResponse<String> echoed = http.send(HttpRequest.newBuilder(token).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"token_type\":\"DPoP\",\"access_token\":\"abc\",\"expires_in\":60}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, echoed.statusCode(), echoed.body());
        assertEquals("{\"access_token\":\"abc\",\"expires_in\":60,\"token_type\":\"DPoP\"}", echoed.body(),
                "the annotated names are read too");
    }

    @Test
    void theJpaTierWritesThroughTheServersDataSource() throws Exception {
        Grant grant = samples.grant("erin", "client-a");
        writer.issue(grant, samples.code(grant.grantId()));
        DataSource ds = (DataSource) new InitialContext().lookup(dataSourceJndi());
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM oidc_grant WHERE grant_id = ?")) {
            st.setString(1, grant.grantId());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the committed grant is a row of " + dataSourceJndi());
            }
        }
    }

    @Test
    void theCompositeIsInjectedAndRoutesEveryKind() {
        assertEquals("composite", store.backend());
        assertEquals(List.of(StoreKind.values()), List.copyOf(store.kinds()));
        assertTrue(store.transactional(), "the cluster's anchor (JPA on the server's JTA data source) is transactional");
        for (StoreKind kind : StoreKind.values()) {
            String expected = kind.defaultTier().configName().equals("durable") ? "jpa" : volatileBackend();
            assertEquals(expected, composite.routingTable().get(kind).backend(), kind.name());
        }
    }

    @Test
    void aClusterWriteCommitsInTheServersTransaction() {
        Grant grant = samples.grant("alice", "client-a");
        AuthorizationCode code = samples.code(grant.grantId());
        assertEquals(Status.STATUS_ACTIVE, writer.issue(grant, code), "the writes ran inside a JTA transaction");
        assertTrue(store.grants().find(grant.grantId()).isPresent(), "grant committed");
        assertEquals(grant.grantId(), codes.consume(code.code()).orElseThrow().grantId(), "code committed");
    }

    @Test
    void aFailingClusterWriteRollsBackBothWrites() {
        Grant grant = samples.grant("bob", "client-a");
        AuthorizationCode code = samples.code(grant.grantId());
        assertThrows(IllegalStateException.class, () -> writer.issueThenFail(grant, code));
        assertFalse(store.grants().find(grant.grantId()).isPresent(), "grant rolled back");
        assertFalse(codes.find(code.code()).isPresent(), "code rolled back");
    }

    @Test
    void setRollbackOnlyRollsBackBothWrites() {
        Grant grant = samples.grant("carol", "client-a");
        AuthorizationCode code = samples.code(grant.grantId());
        writer.issueRollbackOnly(grant, code);
        assertFalse(store.grants().find(grant.grantId()).isPresent(), "grant rolled back");
        assertFalse(codes.find(code.code()).isPresent(), "code rolled back");
    }

    @Test
    void theVolatileTierMarksJwtIdsOnceAndConsumesPushedRequestsOnce() {
        String jti = Samples.id("jti");
        jwtIds.mark(jti, samples.expiry());
        assertThrows(AlreadyConsumedException.class, () -> jwtIds.mark(jti, samples.expiry()));
        assertTrue(jwtIds.isMarked(jti));

        PushedAuthorizationRequest par = samples.par("client-a");
        pars.save(par);
        assertEquals("client-a", pars.find(par.requestUri()).orElseThrow().clientId());
        assertEquals(par.parameters(), pars.consume(par.requestUri()).orElseThrow().parameters());
        assertThrows(AlreadyConsumedException.class, () -> pars.consume(par.requestUri()));
    }

    @Test
    void volatileWritesDoNotJoinTheTransaction() {
        String jti = Samples.id("jti");
        Grant grant = samples.grant("dave", "client-a");
        assertThrows(IllegalStateException.class,
                () -> writer.markAndSaveThenFail(jti, samples.now().plus(Duration.ofMinutes(5)), grant));
        assertFalse(store.grants().find(grant.grantId()).isPresent(), "the durable write rolled back");
        assertTrue(jwtIds.isMarked(jti), "the volatile mark stays (deny, never replay)");
    }
}
