package org.oidcstore.store;

/**
 * Writable user store, for providers that keep their users in oidc-store rather than in an
 * identity management system of their own. An extension of {@link UserStore}.
 */
public interface UserRegistry extends UserStore {

    /** Inserts the user, or replaces the stored user with the same subject (upsert). */
    void save(User user);

    /**
     * Deletes a user. Idempotent.
     *
     * @return {@code true} when a user was deleted, {@code false} when none existed
     */
    boolean delete(String subject);
}
