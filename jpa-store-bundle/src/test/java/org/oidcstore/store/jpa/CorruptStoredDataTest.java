package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.Approval;
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
import org.oidcstore.store.StoreException;
import org.oidcstore.store.User;
import org.oidcstore.store.UserRegistry;
import org.oidcstore.store.jpa.internal.runtime.MalformedJsonException;
import org.oidcstore.store.tck.Samples;

/**
 * A row damaged behind the store's back (written with plain JDBC: broken JSON, an unknown enum
 * constant, an unparsable URI) makes every read of it fail with a plain {@link StoreException}
 * (OIDCS-1301) naming the substore and operation, with the parse failure as its cause, and no
 * message of the chain quoting the stored value; never with an untyped runtime exception, and never with an
 * {@code IllegalArgumentException}, which would blame the caller's input.
 */
class CorruptStoredDataTest {
    /** Appears in every damaged value; must never appear in a message. */
    private static final String MARK = "PRIVATE-VALUE";

    private static void damage(JpaFixture f, String sql, String value) throws SQLException {
        try (PreparedStatement ps = f.adminConnection().prepareStatement(sql)) {
            ps.setString(1, value);
            assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    private static void assertCorrupt(String operation, ThrowingCallable read) {
        assertThatThrownBy(read).as(operation).isExactlyInstanceOf(StoreException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("OIDCS-1301").contains(operation).doesNotContain(MARK);
                    assertThat(e.getCause()).as("the parse failure is kept").isNotNull();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass()).doesNotContain(MARK);
                    }
                });
    }

    /** A damaged JSON column: the codec's typed failure is the root cause. */
    private static void assertCorruptJson(String operation, ThrowingCallable read) {
        assertCorrupt(operation, read);
        assertThatThrownBy(read).as(operation).hasRootCauseInstanceOf(MalformedJsonException.class);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void damagedRowsOfEveryKindFailTypedNamingKindAndOperationButNotTheValue(Engine engine) throws SQLException {
        JpaFixture f = TestStores.fixture(engine);
        OidcStore store = f.store();
        Samples samples = new Samples(f.clock());

        Client client = samples.client("client-damaged");
        ((ClientRegistry) store.clients()).register(client);
        damage(f, "UPDATE oidc_client SET scopes = ? WHERE client_id = 'client-damaged'", "[\"openid\", \"" + MARK);
        assertCorruptJson("clients.find", () -> store.clients().find(client.clientId()));
        damage(f, "UPDATE oidc_client SET scopes = '[]', source = ? WHERE client_id = 'client-damaged'", MARK);
        assertCorrupt("clients.find", () -> store.clients().find(client.clientId()));
        damage(f, "UPDATE oidc_client SET source = 'DYNAMIC', jwks_uri = ? WHERE client_id = 'client-damaged'",
                "https://rp.example/" + MARK + " with spaces");
        assertCorrupt("clients.find", () -> store.clients().find(client.clientId()));

        User user = samples.user("sub-damaged");
        ((UserRegistry) store.users()).save(user);
        damage(f, "UPDATE oidc_user SET claims = ? WHERE subject = 'sub-damaged'", "{\"email\": \"" + MARK + "\"");
        assertCorruptJson("users.find", () -> store.users().find(user.subject()));

        Grant grant = store.grants().save(samples.grant("sub-damaged", "client-a"));
        damage(f, "UPDATE oidc_grant SET scopes = ? WHERE grant_id = '" + grant.grantId() + "'", MARK + "]");
        assertCorruptJson("grants.find", () -> store.grants().find(grant.grantId()));
        assertCorruptJson("grants.findActive", () -> store.grants().findActive("sub-damaged", "client-a"));
        assertCorruptJson("grants.listBySubject", () -> store.grants().listBySubject("sub-damaged", null, 10));

        AuthorizationCode code = samples.code(grant.grantId());
        store.authorizationCodes().save(code);
        damage(f, "UPDATE oidc_authorization_code SET amr = ?", "[\"\\u12" + MARK + "\"]");
        assertCorruptJson("authorization-codes.find", () -> store.authorizationCodes().find(code.code()));
        assertCorruptJson("authorization-codes.consume", () -> store.authorizationCodes().consume(code.code()));

        RefreshToken token = samples.refreshToken(grant.grantId());
        store.refreshTokens().save(token, null);
        damage(f, "UPDATE oidc_refresh_token SET resources = ?", "[\"" + MARK + "\",]");
        assertCorruptJson("refresh-tokens.find", () -> store.refreshTokens().find(token.token()));
        assertCorruptJson("refresh-tokens.consume", () -> store.refreshTokens().consume(token.token()));

        JwtAccessToken jwt = samples.jwtAccessToken(grant.grantId());
        store.accessTokens().register(jwt);
        damage(f, "UPDATE oidc_access_token SET scopes = ?", "{\"" + MARK + "\"}");
        assertCorruptJson("access-tokens.find", () -> store.accessTokens().find(jwt.jti()));

        OpaqueAccessToken opaque = samples.opaqueAccessToken(grant.grantId());
        store.opaqueAccessTokens().save(opaque);
        damage(f, "UPDATE oidc_opaque_access_token SET resources = ?", "[\"" + MARK + "\"] trailing");
        assertCorruptJson("opaque-access-tokens.find", () -> store.opaqueAccessTokens().find(opaque.token()));

        Session session = samples.session("group-damaged");
        store.sessions().save(session);
        damage(f, "UPDATE oidc_session SET client_ids = ?", "[" + MARK);
        assertCorruptJson("sessions.find", () -> store.sessions().find(session.sessionId()));
        assertCorruptJson("sessions.listByChooserGroup", () -> store.sessions().listByChooserGroup("group-damaged", null, 10));

        PushedAuthorizationRequest par = samples.par("client-a");
        store.pushedAuthorizationRequests().save(par);
        damage(f, "UPDATE oidc_pushed_auth_request SET parameters = ?", "{\"scope\": \"" + MARK + "\"}");
        assertCorruptJson("pushed-authorization-requests.find", () -> store.pushedAuthorizationRequests()
                .find(par.requestUri()));
        assertCorruptJson("pushed-authorization-requests.consume", () -> store.pushedAuthorizationRequests()
                .consume(par.requestUri()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void damagedDeviceAndCibaRowsFailTypedOnEveryReadPollIncluded(Engine engine) throws SQLException {
        JpaFixture f = TestStores.fixture(engine);
        OidcStore store = f.store();
        Samples samples = new Samples(f.clock());

        DeviceAuthorization device = samples.deviceAuthorization("client-a");
        store.deviceAuthorizations().save(device);
        damage(f, "UPDATE oidc_device_authorization SET scopes = ?", "[\"" + MARK);
        assertCorruptJson("device-authorizations.find", () -> store.deviceAuthorizations().find(device.deviceCode()));
        assertCorruptJson("device-authorizations.findByUserCode", () -> store.deviceAuthorizations()
                .findByUserCode(device.userCode()));
        assertCorruptJson("device-authorizations.approveByUserCode", () -> store.deviceAuthorizations()
                .approveByUserCode(device.userCode(), Approval.of("sub-a", f.clock().now())));
        // an unknown state: the poll's answer cannot be told (on MariaDB no answer comes back through
        // LAST_INSERT_ID, and the row read after the UPDATE is refused)
        damage(f, "UPDATE oidc_device_authorization SET scopes = '[]', state = ?", MARK);
        assertCorrupt("device-authorizations.find", () -> store.deviceAuthorizations().find(device.deviceCode()));
        assertCorrupt("device-authorizations.poll", () -> store.deviceAuthorizations().poll(device.deviceCode()));

        CibaRequest ciba = samples.cibaRequest(CibaMode.PUSH);
        store.cibaRequests().save(ciba);
        damage(f, "UPDATE oidc_ciba_request SET acr_values = ?", "[\"" + MARK + "\"");
        assertCorruptJson("ciba-requests.find", () -> store.cibaRequests().find(ciba.authReqId()));
        // a notification token that no configured pepper opens (sealed under a dropped pepper, or damaged)
        damage(f, "UPDATE oidc_ciba_request SET acr_values = '[]', notification_token_sealed = ?", MARK);
        assertCorrupt("ciba-requests.find", () -> store.cibaRequests().find(ciba.authReqId()));
        assertCorrupt("ciba-requests.deny", () -> store.cibaRequests().deny(ciba.authReqId()));
        assertThat(store.cibaRequests().poll(ciba.authReqId())).as("a poll reads no token").isPresent();
    }
}
