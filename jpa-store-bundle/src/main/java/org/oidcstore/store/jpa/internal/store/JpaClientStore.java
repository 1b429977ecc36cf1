package org.oidcstore.store.jpa.internal.store;

import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.jpa.internal.entity.ClientEntity;
import org.oidcstore.store.jpa.internal.row.ClientRow;
import org.oidcstore.store.jpa.internal.runtime.JpaExceptions;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/** Clients on {@code oidc_client}; writable ({@link ClientRegistry}) and reconcilable ({@link StaticClientReconciler}). */
public final class JpaClientStore implements ClientRegistry, StaticClientReconciler {
    private static final String NAME = "clients";
    /** Concurrent reconciliations converge after one retry; the rest is headroom for deadlock victims. */
    private static final int RECONCILE_ATTEMPTS = 5;

    private final TxRunner tx;

    public JpaClientStore(StoreParts parts) {
        this.tx = parts.tx();
    }

    @Override
    public Optional<Client> find(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (!Arguments.isStorableId(clientId)) {
            return Optional.empty(); // never stored; a column might match a look-alike
        }
        return tx.run(NAME, "find", em -> Optional.ofNullable(em.find(ClientEntity.class, clientId))
                .map(ClientEntity::row).map(ClientRow::toRecord));
    }

    @Override
    public void register(Client client) {
        Objects.requireNonNull(client, "client");
        ClientRow row = ClientRow.of(client);
        tx.sql(NAME, "register", c -> Sql.insert(c, ClientRow.INSERT, row::bind));
    }

    @Override
    public boolean update(Client client) {
        Objects.requireNonNull(client, "client");
        return tx.run(NAME, "update", em -> {
            ClientEntity e = em.find(ClientEntity.class, client.clientId(), LockModeType.PESSIMISTIC_WRITE);
            if (e == null) {
                return false;
            }
            e.copyFrom(ClientRow.of(client));
            em.flush();
            return true;
        });
    }

    @Override
    public boolean delete(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (!Arguments.isStorableId(clientId)) {
            return false;
        }
        return tx.run(NAME, "delete", em -> em.createQuery("DELETE FROM ClientEntity c WHERE c.clientId = :id")
                .setParameter("id", clientId).executeUpdate() > 0);
    }

    /**
     * All or nothing in one transaction: lock the declared clients that exist, compare them all,
     * and only when none differs insert the missing ones. Several nodes reconciling the same list
     * at once race on those inserts; the losers' inserts fail on the key after the winner commits,
     * their transaction rolls back whole, and the retry finds every client present and equal. In
     * the caller's transaction there is no retry: the duplicate propagates.
     */
    @Override
    public ReconcileReport reconcile(List<Client> clients) {
        Objects.requireNonNull(clients, "clients");
        Set<String> ids = new HashSet<>();
        for (Client c : clients) {
            Objects.requireNonNull(c, "client");
            if (!ids.add(c.clientId())) {
                throw new IllegalArgumentException("client " + c.clientId() + " is declared twice");
            }
        }
        if (clients.isEmpty()) {
            return new ReconcileReport(0, 0);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.run(NAME, "reconcile", em -> {
                    Map<String, Client> stored = new HashMap<>();
                    em.createQuery("SELECT c FROM ClientEntity c WHERE c.clientId IN :ids", ClientEntity.class)
                            .setParameter("ids", List.copyOf(ids)).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                            .getResultList().stream().map(ClientEntity::row)
                            .forEach(r -> stored.put(r.clientId(), r.toRecord()));
                    List<String> differing = new ArrayList<>();
                    for (Client c : clients) {
                        Client s = stored.get(c.clientId());
                        if (s != null && !s.equals(c)) {
                            differing.add(c.clientId());
                        }
                    }
                    if (!differing.isEmpty()) {
                        throw new ConflictException("static clients differ from their stored records: " + differing
                                + "; nothing was written");
                    }
                    // insert in id order: two nodes inserting the same keys in different orders would
                    // deadlock (on H2, which does not detect it, until the lock timeout)
                    int inserted = 0;
                    for (Client c : clients.stream().sorted(Comparator.comparing(Client::clientId)).toList()) {
                        if (!stored.containsKey(c.clientId())) {
                            // on the transaction's connection, as register: a duplicate (a
                            // concurrent reconciliation won) must not log a WARNING stack trace
                            ClientRow row = ClientRow.of(c);
                            tx.sql(NAME, "reconcile", connection -> Sql.insert(connection, ClientRow.INSERT,
                                    row::bind));
                            inserted++;
                        }
                    }
                    return new ReconcileReport(inserted, clients.size() - inserted);
                });
            } catch (DuplicateRecordException | ConflictException e) {
                boolean retryable = e instanceof DuplicateRecordException
                        || e instanceof JpaExceptions.RetryableConflictException;
                if (!retryable || tx.inCallerTransaction() || attempt >= RECONCILE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
