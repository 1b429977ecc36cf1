package org.oidcstore.store;

import java.util.Optional;

/**
 * Reads registered clients ({@link StoreKind#CLIENTS}).
 *
 * <p>A backend may host a read-only client store (for example clients provisioned by another
 * system). Writing is offered by the extensions {@link ClientRegistry} and
 * {@link StaticClientReconciler}; use {@code OidcStore.clientRegistry()} and
 * {@code OidcStore.staticClientReconciler()} to find out whether they are available.
 */
public interface ClientStore {

    /**
     * Finds a client by its identifier (exact, case-sensitive match).
     *
     * @return the client, or empty when no client has this identifier
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    Optional<Client> find(String clientId);
}
