package org.oidcstore.spring.sas;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.spi.Arguments;

/**
 * A lookup of a token and of its grant's context in ONE transaction when the store is
 * transactional: the two reads then cost one commit instead of one each (outside a transaction
 * every store call is a transaction of its own). Reads only: what a lookup decides (a replay
 * revoking the grant) is done by the caller after it.
 */
final class GrantLookup {
    /** A token record and its grant's live context ({@code null}: none). */
    record Found<T>(T token, AuthorizationContext context) {
    }

    private final OidcStore store;

    GrantLookup(OidcStore store) {
        this.store = store;
    }

    /** The token {@code find} returns, with the context of the grant {@code grantId} names; {@code null} when no token. */
    <T> Found<T> find(Supplier<Optional<T>> find, Function<T, String> grantId) {
        Supplier<Found<T>> work = () -> find.get().map(t -> new Found<>(t, context(grantId.apply(t)))).orElse(null);
        return store.transactional() ? store.inIdempotentTransaction(work) : work.get();
    }

    private AuthorizationContext context(String grantId) {
        return grantId != null && Arguments.isStorableId(grantId)
                ? store.authorizationContexts().find(grantId).orElse(null) : null;
    }
}
