package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.SubjectErasure;

/** An admin task that erases a subject inside its own {@code @Transactional} method. */
@ApplicationScoped
public class ErasureEndpoint {

    @Inject
    OidcStore store;

    /** Erases {@code subject}; {@code fail} throws afterwards, rolling the transaction back. */
    @Transactional
    public SubjectErasure erase(String subject, boolean fail) {
        SubjectErasure erased = store.eraseSubject(subject);
        if (fail) {
            throw new IllegalStateException("the admin task failed after erasing");
        }
        return erased;
    }
}
