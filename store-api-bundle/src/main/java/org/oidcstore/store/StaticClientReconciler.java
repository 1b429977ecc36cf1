package org.oidcstore.store;

import java.util.List;

/**
 * Reconciles the statically declared clients (configuration, CDI producers) with the store at
 * start-up. An extension of {@link ClientStore}.
 */
public interface StaticClientReconciler extends ClientStore {

    /**
     * Reconciles {@code clients}, all or nothing: every client that is missing is inserted; a
     * client whose stored record is equal (record equality) is left alone. If any stored client
     * differs from its declaration, nothing at all is written and a {@link ConflictException}
     * names every differing client id (never a secret). Concurrent reconciliations of the same list
     * (several provider nodes starting at once) all succeed and leave each client exactly once.
     *
     * @param clients the declared clients; identifiers must be distinct
     * @return how many clients were inserted and how many were already up to date
     * @throws ConflictException when a stored client differs from its declaration
     * @throws IllegalArgumentException when two declarations share an identifier
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    ReconcileReport reconcile(List<Client> clients);

    /**
     * Outcome of a reconciliation.
     *
     * @param inserted number of clients inserted
     * @param unchanged number of clients already stored as declared
     */
    record ReconcileReport(int inserted, int unchanged) {
    }
}
