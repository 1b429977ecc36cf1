package org.oidcstore.store.tck.reference;

import java.util.ArrayList;
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
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Clients by id: readable, writable ({@link ClientRegistry}) and reconcilable ({@link StaticClientReconciler}). */
final class ReferenceClientStore implements ClientRegistry, StaticClientReconciler, ReferenceSubstore {
    private static final Table<Client> CLIENTS = new Table<>("clients");

    private final ReferenceData data;

    ReferenceClientStore(ReferenceParts parts) {
        this.data = parts.data();
    }

    @Override
    public Optional<Client> find(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return data.call(() -> Optional.ofNullable(data.rows(CLIENTS).get(clientId)));
    }

    @Override
    public void register(Client client) {
        Objects.requireNonNull(client, "client");
        data.run(() -> {
            if (data.rows(CLIENTS).putIfAbsent(client.clientId(), client) != null) {
                throw new DuplicateRecordException("a client with this id is registered already");
            }
        });
    }

    @Override
    public boolean update(Client client) {
        Objects.requireNonNull(client, "client");
        return data.call(() -> data.rows(CLIENTS).replace(client.clientId(), client) != null);
    }

    @Override
    public boolean delete(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return data.call(() -> data.rows(CLIENTS).remove(clientId) != null);
    }

    /** All or nothing: every declaration is compared first, and only then are the missing ones inserted. */
    @Override
    public ReconcileReport reconcile(List<Client> clients) {
        Set<String> ids = new HashSet<>();
        for (Client c : clients) {
            if (!ids.add(c.clientId())) {
                throw new IllegalArgumentException("two declared clients share the id " + c.clientId());
            }
        }
        return data.call(() -> {
            Map<String, Client> rows = data.rows(CLIENTS);
            List<Client> missing = new ArrayList<>();
            List<String> differing = new ArrayList<>();
            for (Client c : clients) {
                Client stored = rows.get(c.clientId());
                if (stored == null) {
                    missing.add(c);
                } else if (!stored.equals(c)) {
                    differing.add(c.clientId());
                }
            }
            if (!differing.isEmpty()) {
                throw new ConflictException("stored clients differ from their declarations, nothing was written: "
                        + differing);
            }
            missing.forEach(c -> rows.put(c.clientId(), c));
            return new ReconcileReport(missing.size(), clients.size() - missing.size());
        });
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(CLIENTS).size());
    }
}
