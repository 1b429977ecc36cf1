package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * No bearer value SAS issued reaches a database column or the stored context: after a code flow
 * and a rotation, neither the code, the refresh tokens nor the access tokens appear in any cell of
 * any table of the H2 database or in the context bytes on the volatile tier.
 */
class SecretsAtRestTest {

    @Test
    void noIssuedValueIsStoredRaw() throws Exception {
        OidcStore store = Stores.composite();
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        String client = "rest-" + UUID.randomUUID();
        clients.save(Flows.client(client, false));
        OidcStoreAuthorizationService service = new OidcStoreAuthorizationService(store, clients);
        Flows flows = new Flows(SasServer.start(service, clients,
                new OidcStoreAuthorizationConsentService(store, clients)));

        String[] pkce = Flows.pkce();
        String code = flows.code(client, "bob-" + UUID.randomUUID(), pkce[1]);
        MockHttpServletResponse first = flows.redeem(client, code, pkce[0]);
        assertThat(first.getStatus()).isEqualTo(200);
        MockHttpServletResponse second = flows.refresh(client, Flows.json(first, "refresh_token"));
        assertThat(second.getStatus()).isEqualTo(200);
        List<String> secrets = List.of(code, Flows.json(first, "refresh_token"), Flows.json(first, "access_token"),
                Flows.json(first, "id_token"), Flows.json(second, "refresh_token"), Flows.json(second, "access_token"),
                Flows.json(second, "id_token"));

        List<String> cells = cells();
        assertThat(cells).isNotEmpty();
        // the flow's rows are there (the client id is stored as is) ...
        assertThat(cells).anyMatch(c -> c.contains(client));
        // ... and no issued value is
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(cells).noneMatch(c -> c.contains(secret));
        }
        String authorizationId = service.findByToken(Flows.json(second, "refresh_token"),
                org.springframework.security.oauth2.server.authorization.OAuth2TokenType.REFRESH_TOKEN).getId();
        byte[] context = store.authorizationContexts().find(authorizationId).orElseThrow().context();
        String contextText = new String(context, StandardCharsets.ISO_8859_1);
        assertThat(contextText).contains(client);
        for (String secret : secrets) {
            assertThat(contextText).doesNotContain(secret);
        }
    }

    private static List<String> cells() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(Stores.H2_URL, "sa", "");
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + t + "\"")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            out.add(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
                                    : String.valueOf(v));
                        }
                    }
                }
            }
        }
        return out;
    }
}
