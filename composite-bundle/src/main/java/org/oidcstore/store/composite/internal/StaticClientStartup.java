package org.oidcstore.store.composite.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oidcstore.store.Client;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.StaticClient;
import org.oidcstore.store.composite.StaticClientDeclaration;

/**
 * Seeds the static clients (configuration and {@code @StaticClient} beans) when the application
 * starts, all or nothing. A conflict fails the start (OIDCS-2112). Without declarations it does
 * nothing, so no backend is touched at start. During discovery, the routing extension asks
 * {@link #declaration} which beans declare static clients.
 */
@ApplicationScoped
public class StaticClientStartup {

    @Inject
    ValidatedDeployment deployment;

    @Inject
    Instance<CompositeStore> store;

    @Inject
    @StaticClient
    Instance<Client> clients;

    @Inject
    @StaticClient
    Instance<List<Client>> clientLists;

    void seed(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<StaticClientDeclaration> declared = new ArrayList<>(deployment.staticClients());
        for (Client c : clients) {
            declared.add(StaticClientDeclaration.of(c));
        }
        for (List<Client> list : clientLists) {
            list.forEach(c -> declared.add(StaticClientDeclaration.of(c)));
        }
        if (!declared.isEmpty()) {
            StaticClients.seed(store.get(), declared);
        }
    }

    /** {@code "@StaticClient bean <described>"} when {@code bean} declares static clients. */
    static Optional<String> declaration(Bean<?> bean, String described) {
        boolean qualified = false;
        for (Annotation q : bean.getQualifiers()) {
            qualified |= q.annotationType() == StaticClient.class;
        }
        if (qualified && bean.getTypes().stream().anyMatch(StaticClientStartup::isClientOrClientList)) {
            return Optional.of("@StaticClient bean " + described);
        }
        return Optional.empty();
    }

    private static boolean isClientOrClientList(Type t) {
        if (t == Client.class) {
            return true;
        }
        return t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == Client.class;
    }
}
