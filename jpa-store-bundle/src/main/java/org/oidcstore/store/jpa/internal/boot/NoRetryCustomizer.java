package org.oidcstore.store.jpa.internal.boot;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Turns off EclipseLink's own retry of queries and connection attempts (by default three more
 * attempts, seconds apart). The store reports an unreachable database promptly, after the pool's
 * acquisition timeout, and decides retries itself ({@code TxRunner.run} retries whole transactions
 * that the engine rolled back, never a single statement of an ongoing one).
 */
public final class NoRetryCustomizer implements SessionCustomizer {
    @Override
    public void customize(Session session) {
        if (!(session.getDatasourceLogin() instanceof DatabaseLogin login)) {
            return;
        }
        login.setQueryRetryAttemptCount(0);
        login.setDelayBetweenConnectionAttempts(0);
    }
}
