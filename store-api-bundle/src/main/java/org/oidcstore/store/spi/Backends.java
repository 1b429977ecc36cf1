package org.oidcstore.store.spi;

import java.util.Set;
import java.util.stream.Collectors;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;

/** Small helpers that keep backends' behaviour and messages identical. */
public final class Backends {
    private Backends() {
    }

    /**
     * The exception an aggregate throws when asked for a kind it does not host (OIDCS-1002): it
     * names the kind, the backend, what the backend hosts, and the route that fixes it.
     */
    public static StoreConfigurationException notHosted(String backend, Set<StoreKind> hosted, StoreKind kind) {
        String hosts = hosted.stream().map(StoreKind::configName).sorted().collect(Collectors.joining(", "));
        return new StoreConfigurationException("OIDCS-1002 kind " + kind + " is not hosted by backend '" + backend
                + "' (it hosts: " + hosts + "); route it to the " + kind.defaultTier().configName()
                + " tier: oidc.store.route." + kind.configName() + "=" + kind.defaultTier().configName());
    }
}
