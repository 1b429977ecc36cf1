package org.oidcstore.it.server;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;

/**
 * What a provider's token endpoint does, in the server's JTA transaction ({@code @Transactional}
 * is the server's interceptor): it saves a grant and issues a code under it through the
 * {@code @Default} substore beans, which the composite routes to the JPA tier on the server's data
 * source.
 */
@ApplicationScoped
public class ClusterWriter {

    @Inject
    GrantStore grants;

    @Inject
    AuthorizationCodeStore codes;

    @Inject
    ConsumedJwtIdStore jwtIds;

    @Resource
    TransactionSynchronizationRegistry tsr;

    /** Saves both and commits; returns the transaction status seen inside. */
    @Transactional
    public int issue(Grant grant, AuthorizationCode code) {
        grants.save(grant);
        codes.save(code);
        return tsr.getTransactionStatus();
    }

    /** Saves both, then fails: the interceptor rolls the transaction back. */
    @Transactional
    public void issueThenFail(Grant grant, AuthorizationCode code) {
        grants.save(grant);
        codes.save(code);
        throw new IllegalStateException("the provider failed after issuing (test)");
    }

    /** Saves both, marks the transaction rollback-only and returns normally. */
    @Transactional
    public void issueRollbackOnly(Grant grant, AuthorizationCode code) {
        grants.save(grant);
        codes.save(code);
        tsr.setRollbackOnly();
    }

    /** Marks a JWT ID (volatile tier) and saves a grant in one transaction that then fails. */
    @Transactional
    public void markAndSaveThenFail(String jti, Instant expiresAt, Grant grant) {
        jwtIds.mark(jti, expiresAt);
        grants.save(grant);
        throw new IllegalStateException("the provider failed (test)");
    }

    /** Whether a transaction is active in the caller (for the tests' own checks). */
    public boolean noTransaction() {
        return tsr.getTransactionStatus() == Status.STATUS_NO_TRANSACTION;
    }
}
