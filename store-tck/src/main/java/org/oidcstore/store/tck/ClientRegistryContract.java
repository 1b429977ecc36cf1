package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.DuplicateRecordException;

/** Contract of {@link ClientStore} and its writable extension {@link ClientRegistry}. */
@ContractFor({ClientStore.class, ClientRegistry.class})
public abstract class ClientRegistryContract extends StoreContract {

    private ClientRegistry registry() {
        return store.clientRegistry().orElseThrow(() -> new AssertionError(
                "this contract needs a writable client store: clientRegistry() is empty"));
    }

    @Test
    @Covers(value = "find", type = ClientStore.class)
    @Covers("register")
    void aRegisteredClientReadsBackWithEveryField() {
        Client c = samples.client(Samples.id("client"));
        registry().register(c);
        assertThat(store.clients().find(c.clientId())).contains(c);
        assertThat(store.clients().find("no-such-client")).isEmpty();
    }

    @Test
    @Covers(value = "find", type = ClientStore.class)
    void clientIdsAreCaseSensitive() {
        Client c = samples.client("Case-Client");
        registry().register(c);
        assertThat(store.clients().find("case-client")).isEmpty();
        assertThat(store.clients().find("Case-Client")).contains(c);
    }

    @Test
    @Covers("register")
    void aPublicClientWithoutSecretAndWithInlineKeysReadsBack() {
        Client c = Client.builder(Samples.id("spa")).publicClient(true).tokenEndpointAuthMethod("none")
                .redirectUris(List.of("http://127.0.0.1:8080/cb")).jwks("{\"keys\":[]}").source(ClientSource.ADMIN)
                .build();
        registry().register(c);
        assertThat(registry().find(c.clientId())).contains(c);
    }

    @Test
    @Covers("register")
    void registeringAnExistingIdIsADuplicateAndKeepsTheFirst() {
        Client c = samples.client(Samples.id("client"));
        registry().register(c);
        Client other = c.toBuilder().clientName("impostor").build();
        assertThatThrownBy(() -> registry().register(other)).isInstanceOf(DuplicateRecordException.class);
        assertThat(registry().find(c.clientId())).contains(c);
    }

    @Test
    @Covers("update")
    void updateReplacesAnExistingClientAndNeverCreatesOne() {
        Client c = samples.client(Samples.id("client"));
        registry().register(c);
        Client changed = c.toBuilder().redirectUris(List.of("https://rp.example/new")).clientName("renamed")
                .metadata(java.util.Map.of()).build();
        assertThat(registry().update(changed)).isTrue();
        assertThat(registry().find(c.clientId())).contains(changed);

        Client ghost = samples.client(Samples.id("ghost"));
        assertThat(registry().update(ghost)).isFalse();
        assertThat(registry().find(ghost.clientId())).isEmpty();
    }

    @Test
    @Covers("delete")
    void deleteIsIdempotent() {
        Client c = samples.client(Samples.id("client"));
        registry().register(c);
        assertThat(registry().delete(c.clientId())).isTrue();
        assertThat(registry().delete(c.clientId())).isFalse();
        assertThat(registry().find(c.clientId())).isEmpty();
    }
}
