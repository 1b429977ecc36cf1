package org.oidcstore.it.weld;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import java.time.Clock;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.jpa.JpaGc;
import org.oidcstore.store.tier.Durable;

/**
 * Part of the TCK deployment: what the fixture drives, injected by the container exactly as an
 * OpenID provider would get it — the {@code @Default OidcStore} (the composite), the
 * {@code @Default Clock} every tier reads, and the JTA {@code TransactionManager} (Narayana's CDI
 * bean in Java SE).
 */
@ApplicationScoped
public class TckBeans {
    @Inject
    OidcStore store;

    @Inject
    CompositeStore composite;

    @Inject
    Clock clock;

    @Inject
    TransactionManager transactionManager;

    @Inject
    @Durable
    JpaGc gc;

    public OidcStore store() {
        return store;
    }

    public CompositeStore composite() {
        return composite;
    }

    public Clock clock() {
        return clock;
    }

    public TransactionManager transactionManager() {
        return transactionManager;
    }

    /** The durable tier's expired-record collector, for the fixture's on-demand sweeps. */
    public JpaGc gc() {
        return gc;
    }
}
