package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.composite.StaticClient;

/** An application declaring static clients from CDI: one client, and a list of two. */
@ApplicationScoped
public class StaticClientBeans {

    static Client publicClient(String id) {
        return Client.builder(id).publicClient(true).redirectUris(List.of("https://" + id + ".example/cb"))
                .grantTypes(List.of("authorization_code")).responseTypes(List.of("code")).scopes(List.of("openid"))
                .tokenEndpointAuthMethod("none").source(ClientSource.STATIC).build();
    }

    @Produces
    @StaticClient
    Client spa() {
        return publicClient("spa");
    }

    @Produces
    @StaticClient
    List<Client> mobileApps() {
        return List.of(publicClient("ios"), publicClient("android"));
    }
}
