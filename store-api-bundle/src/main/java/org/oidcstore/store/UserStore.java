package org.oidcstore.store;

import java.util.Optional;

/** Reads end users ({@link StoreKind#USERS}). Writing is the optional extension {@link UserRegistry}. */
public interface UserStore {

    /**
     * Finds a user by subject (exact match).
     *
     * @return the user, or empty when unknown
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    Optional<User> find(String subject);
}
