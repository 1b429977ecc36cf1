package org.oidcstore.store;

/**
 * Writable client store: registration, update and deletion (dynamic registration, administration).
 * An extension of {@link ClientStore}: a backend offers it only when it can write clients.
 */
public interface ClientRegistry extends ClientStore {

    /**
     * Registers a new client.
     *
     * @throws DuplicateRecordException when a client with the same identifier exists; nothing is
     *     written
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    void register(Client client);

    /**
     * Replaces the stored client that has {@code client.clientId()} with {@code client}.
     *
     * @return {@code true} when a client was replaced, {@code false} when none exists (nothing is
     *     written: update never creates a client)
     */
    boolean update(Client client);

    /**
     * Deletes a client. Idempotent.
     *
     * @return {@code true} when a client was deleted, {@code false} when none existed
     */
    boolean delete(String clientId);
}
