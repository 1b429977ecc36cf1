package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Gap 1 closed: the authorization's context is durable, so losing the volatile tier (a memory tier
 * restarted, a Redis without persistence) loses no live token. Tokens are issued by a server over
 * one composite; a second server over the same durable tier and a new, empty memory tier then
 * rotates the refresh token and introspects the access token.
 */
class VolatileTierLossTest {

    private static Flows server(OidcStore store) {
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        return new Flows(SasServer.start(new OidcStoreAuthorizationService(store, clients), clients,
                new OidcStoreAuthorizationConsentService(store, clients)));
    }

    @Test
    void tokensIssuedBeforeTheVolatileTierWasLostStillRefreshAndIntrospect() throws Exception {
        OidcStore before = Stores.composite();
        String client = "web-" + UUID.randomUUID();
        new OidcStoreRegisteredClientRepository(before).save(Flows.client(client, false));
        Flows first = server(before);
        String[] pkce = Flows.pkce();
        MockHttpServletResponse issued = first.redeem(client, first.code(client, "erin-" + UUID.randomUUID(), pkce[1]),
                pkce[0]);
        assertThat(issued.getStatus()).as(issued.getContentAsString()).isEqualTo(200);

        OidcStore after = Stores.compositeSharing(MemoryStores.open(MemorySettings.defaults(), Clock.systemUTC(),
                SecretDigest.fromConfig(Optional.of(Stores.PEPPER))));
        Flows second = server(after);
        assertThat(Flows.json(second.introspect(client, Flows.json(issued, "access_token")), "active"))
                .as("the access token, introspected after the loss").isEqualTo("true");
        MockHttpServletResponse rotated = second.refresh(client, Flows.json(issued, "refresh_token"));
        assertThat(rotated.getStatus()).as(rotated.getContentAsString()).isEqualTo(200);
        assertThat(Flows.json(rotated, "refresh_token")).isNotEqualTo(Flows.json(issued, "refresh_token"));
        assertThat(Flows.json(rotated, "id_token")).isNotBlank();
    }
}
