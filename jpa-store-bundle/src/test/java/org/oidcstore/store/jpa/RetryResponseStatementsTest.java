package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.tck.Samples;

/**
 * A rotation with a retry response sends exactly the statements of a rotation without one: the
 * response rides on the successor's {@code INSERT} (see {@code RefreshRetryRows}). Counted by H2's
 * own statistics ({@code INFORMATION_SCHEMA.QUERY_STATISTICS}); H2 runs the statements MariaDB runs
 * (only PostgreSQL's differ: {@code RETURNING}, {@code ON CONFLICT}).
 */
class RetryResponseStatementsTest {
    private final JpaFixture fixture = TestStores.fixture(Engine.H2);
    private final Samples samples = new Samples(fixture.clock());
    private final OidcStore store = fixture.store();

    /** Executions of statements on the store's tables while {@code work} runs, per statement text. */
    private int statements(Runnable work) {
        Connection admin = fixture.adminConnection();
        try (Statement st = admin.createStatement()) {
            st.execute("SET QUERY_STATISTICS FALSE"); // drops what was counted so far
            st.execute("SET QUERY_STATISTICS TRUE");
            work.run();
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(EXECUTION_COUNT), 0)"
                    + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS WHERE LOWER(SQL_STATEMENT) LIKE '%oidc\\_%'"
                    + " AND SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'")) {
                rs.next();
                return rs.getInt(1);
            } finally {
                st.execute("SET QUERY_STATISTICS FALSE");
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private RefreshToken root() {
        RefreshToken root = samples.refreshToken();
        store.refreshTokens().save(root, null);
        return root;
    }

    @Test
    void aRotationWithARetryResponseTakesTheStatementsOfOneWithout() {
        RefreshRetryResponses grace = store.refreshRetryResponses().orElseThrow();
        RefreshToken plainParent = root();
        RefreshToken plainNext = plainParent.successor(Samples.secret("rt"), null, fixture.clock().now(),
                fixture.clock().now().plus(Duration.ofDays(1)));
        int plain = statements(() -> store.inTransaction(() -> {
            store.refreshTokens().consume(plainParent.token()).orElseThrow();
            store.refreshTokens().save(plainNext, plainParent.token());
            return null;
        }));
        RefreshToken parent = root();
        RefreshToken next = parent.successor(Samples.secret("rt"), null, fixture.clock().now(),
                fixture.clock().now().plus(Duration.ofDays(1)));
        byte[] response = ("{\"refresh_token\":\"" + next.token() + "\"}").getBytes(StandardCharsets.UTF_8);
        int graced = statements(() -> store.inTransaction(() -> {
            grace.consume(parent.token()).orElseThrow();
            grace.saveWithRetryResponse(next, parent.token(), response, fixture.clock().now().plusSeconds(60));
            return null;
        }));
        assertThat(plain).as("a plain rotation: the consume's UPDATE, its read-back, the successor's INSERT")
                .isEqualTo(3);
        assertThat(graced).as("a rotation with a retry response").isEqualTo(plain);
        assertThat(statements(() -> assertThat(grace.findRetryResponse(parent.token())).isPresent()))
                .as("serving the response again: one SELECT").isEqualTo(1);
    }
}
