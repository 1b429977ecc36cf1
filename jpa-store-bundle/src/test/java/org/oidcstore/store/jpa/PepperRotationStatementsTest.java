package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Approval;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tck.TestPeppers;

/**
 * During a pepper rotation ({@code oidc.store.secret-pepper=<new>,<old>}) a lookup or a consume of
 * a record written under the old pepper takes exactly the statements it takes with one pepper: all
 * digests go into one statement ({@code IN}). Counted by H2's own statistics
 * ({@code INFORMATION_SCHEMA.QUERY_STATISTICS}, every execution of every statement of the database).
 */
class PepperRotationStatementsTest {
    private final JpaFixture fixture = TestStores.fixture(Engine.H2);
    private final Samples samples = new Samples(fixture.clock());
    private final OidcStore old = TestStores.reopened(Engine.H2, TestPeppers.A);
    private final OidcStore rotated = TestStores.reopened(Engine.H2,
            TestPeppers.configValue(TestPeppers.digest(TestPeppers.B, TestPeppers.A)));

    /** Executions of statements on the store's tables while {@code work} runs. */
    private int statements(Supplier<?> work) {
        Connection admin = fixture.adminConnection();
        try (Statement st = admin.createStatement()) {
            st.execute("SET QUERY_STATISTICS FALSE"); // drops what was counted so far
            st.execute("SET QUERY_STATISTICS TRUE");
            assertThat(work.get()).as("the operation's answer").isNotNull();
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

    /** {@code use} of a record written under the old pepper: by a store with the old pepper only, and rotated. */
    private void sameStatements(String what, Function<OidcStore, Object> use) {
        int alone = statements(() -> use.apply(old));
        assertThat(alone).as(what + " with one pepper").isPositive();
        assertThat(statements(() -> use.apply(rotated))).as(what + " under [new, old]").isEqualTo(alone);
    }

    @Test
    void consumingACodeOfTheOldPepperTakesNoExtraStatement() {
        AuthorizationCode first = samples.code();
        AuthorizationCode second = samples.code();
        old.authorizationCodes().save(first);
        old.authorizationCodes().save(second);
        int alone = statements(() -> old.authorizationCodes().consume(first.code()).orElseThrow());
        assertThat(statements(() -> rotated.authorizationCodes().consume(second.code()).orElseThrow()))
                .as("consume under [new, old]").isEqualTo(alone);
    }

    @Test
    void findingRefreshTokensRequestsAndMarkersOfTheOldPepperTakesNoExtraStatement() {
        RefreshToken token = samples.refreshToken();
        old.refreshTokens().save(token, null);
        sameStatements("refresh-token find", s -> s.refreshTokens().find(token.token()).orElseThrow());
        PushedAuthorizationRequest par = samples.par("client-a");
        old.pushedAuthorizationRequests().save(par);
        sameStatements("pushed-request find", s -> s.pushedAuthorizationRequests().find(par.requestUri()).orElseThrow());
        String jti = Samples.secret("jti");
        old.consumedJwtIds().mark(jti, fixture.clock().now().plusSeconds(60));
        sameStatements("isMarked", s -> {
            assertThat(s.consumedJwtIds().isMarked(jti)).isTrue();
            return true;
        });
    }

    @Test
    void findingPollingAndApprovingDeviceAndCibaRequestsOfTheOldPepperTakesNoExtraStatement() {
        DeviceAuthorization device = samples.deviceAuthorization("client-a");
        old.deviceAuthorizations().save(device);
        sameStatements("device find", s -> s.deviceAuthorizations().find(device.deviceCode()).orElseThrow());
        sameStatements("device findByUserCode", s -> s.deviceAuthorizations().findByUserCode(device.userCode())
                .orElseThrow());
        sameStatements("device poll", s -> s.deviceAuthorizations().poll(device.deviceCode()).orElseThrow());
        sameStatements("strike", s -> s.deviceAuthorizations().strike(device.userCode()).orElseThrow());
        CibaRequest ciba = samples.cibaRequest(CibaMode.PING);
        old.cibaRequests().save(ciba);
        sameStatements("CIBA find", s -> s.cibaRequests().find(ciba.authReqId()).orElseThrow());
        sameStatements("CIBA poll", s -> s.cibaRequests().poll(ciba.authReqId()).orElseThrow());
        DeviceAuthorization first = samples.deviceAuthorization("client-a");
        DeviceAuthorization second = samples.deviceAuthorization("client-a");
        old.deviceAuthorizations().save(first);
        old.deviceAuthorizations().save(second);
        Approval approval = Approval.of("sub-a", fixture.clock().now());
        int alone = statements(() -> old.deviceAuthorizations().approveByUserCode(first.userCode(), approval)
                .orElseThrow());
        assertThat(statements(() -> rotated.deviceAuthorizations().approveByUserCode(second.userCode(), approval)
                .orElseThrow())).as("approveByUserCode under [new, old]").isEqualTo(alone);
    }
}
