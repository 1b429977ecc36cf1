package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.AuthorizationContextStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;

/**
 * {@link AuthorizationContextStore} inside one transaction of the caller, as a provider uses it:
 * look a code or refresh token up, then its grant's context; find a grant's context absent, then
 * save it. Whatever a backend keeps of what the transaction read (the JPA tier reads a token's
 * context in the token's own statement, and saves a context it found absent with one insert), a
 * read sees the transaction's own writes, and an expired context found in the transaction is not
 * taken for an absent one (its ID token must not come back). On a non-transactional backend the
 * same calls run one by one and must give the same answers.
 */
@ContractFor(AuthorizationContextStore.class)
public abstract class AuthorizationContextInTransactionContract extends StoreContract {

    private AuthorizationContextStore contexts() {
        return store.authorizationContexts();
    }

    private AuthorizationContext context(String grantId, int version) {
        return new AuthorizationContext(grantId, "sub-tx", "client-a", Samples.binaryState(version), clock.now(),
                samples.expiry());
    }

    @Test
    @Covers("find")
    @Covers("save")
    @Covers("delete")
    void aLookupInTheTransactionSeesItsOwnSavesAndDeletes() {
        AuthorizationContext v1 = context(Samples.id("grant"), 1);
        contexts().save(v1, null);
        AuthorizationContext v2 = context(v1.grantId(), 2);
        inTransactionIfAny(() -> {
            assertThat(contexts().find(v1.grantId())).contains(v1);
            contexts().save(v2, null);
            assertThat(contexts().find(v1.grantId())).as("after the save").contains(v2);
            assertThat(contexts().delete(v1.grantId())).isTrue();
            assertThat(contexts().find(v1.grantId())).as("after the delete").isEmpty();
            return null;
        });
        assertThat(contexts().find(v1.grantId())).as("committed").isEmpty();
    }

    @Test
    @Covers("find")
    @Covers("save")
    @Covers(value = "find", type = AuthorizationCodeStore.class)
    void aCodeLookupThenItsGrantsContextThenASave() {
        AuthorizationCode code = samples.code();
        AuthorizationContext v1 = context(code.grantId(), 1);
        inTransactionIfAny(() -> {
            store.authorizationCodes().save(code);
            contexts().save(v1, null);
            return null;
        });
        AuthorizationContext v2 = context(code.grantId(), 2);
        String idToken = AuthorizationContextStoreContract.idToken();
        inTransactionIfAny(() -> {
            assertThat(store.authorizationCodes().find(code.code())).isPresent();
            assertThat(contexts().find(code.grantId())).contains(v1);
            contexts().save(v2, idToken);
            assertThat(contexts().find(code.grantId())).as("after the save").contains(v2);
            assertThat(contexts().findByIdToken(idToken)).as("its ID token").contains(v2);
            return null;
        });
        assertThat(contexts().find(code.grantId())).as("committed").contains(v2);
        assertThat(contexts().findByIdToken(idToken)).contains(v2);
    }

    @Test
    @Covers("find")
    @Covers("delete")
    @Covers(value = "find", type = RefreshTokenStore.class)
    void aRefreshTokenLookupThenItsGrantsContextThenADelete() {
        RefreshToken rt = samples.refreshToken();
        AuthorizationContext v1 = context(rt.grantId(), 1);
        store.refreshTokens().save(rt, null);
        contexts().save(v1, null);
        inTransactionIfAny(() -> {
            assertThat(store.refreshTokens().find(rt.token())).isPresent();
            assertThat(contexts().find(rt.grantId())).contains(v1);
            assertThat(contexts().delete(rt.grantId())).isTrue();
            assertThat(contexts().find(rt.grantId())).as("after the delete").isEmpty();
            return null;
        });
        assertThat(contexts().find(rt.grantId())).as("committed").isEmpty();
    }

    @Test
    @Covers("find")
    @Covers("save")
    @Covers(value = "find", type = AuthorizationCodeStore.class)
    void aCodeWhoseGrantHasNoContextThenTheContextSaved() {
        AuthorizationCode code = samples.code();
        store.authorizationCodes().save(code);
        AuthorizationContext c = context(code.grantId(), 1);
        inTransactionIfAny(() -> {
            assertThat(store.authorizationCodes().find(code.code())).isPresent();
            assertThat(contexts().find(code.grantId())).isEmpty();
            contexts().save(c, null);
            assertThat(contexts().find(code.grantId())).contains(c);
            return null;
        });
        assertThat(contexts().find(code.grantId())).contains(c);
    }

    @Test
    @Covers("find")
    @Covers("save")
    @Covers("findByIdToken")
    void aGrantFoundAbsentThenSavedTakesAnIdTokenAnotherGrantHeld() {
        String idToken = AuthorizationContextStoreContract.idToken();
        AuthorizationContext other = context(Samples.id("grant"), 1);
        contexts().save(other, idToken);
        AuthorizationContext c = context(Samples.id("grant"), 2);
        inTransactionIfAny(() -> {
            assertThat(contexts().find(c.grantId())).isEmpty();
            contexts().save(c, idToken);
            return null;
        });
        assertThat(contexts().find(c.grantId())).contains(c);
        assertThat(contexts().findByIdToken(idToken)).as("the binding moved").contains(c);
        assertThat(contexts().find(other.grantId())).as("the other grant's context stays").contains(other);
    }

    @Test
    @Covers("find")
    @Covers("save")
    @Covers("findByIdToken")
    void anExpiredContextFoundInTheTransactionIsNotRevivedWithItsIdToken() {
        String idToken = AuthorizationContextStoreContract.idToken();
        AuthorizationContext old = context(Samples.id("grant"), 1);
        contexts().save(old, idToken);
        clock.set(old.expiresAt());
        AuthorizationContext fresh = context(old.grantId(), 2);
        Optional<AuthorizationContext> seen = inTransactionIfAny(() -> {
            Optional<AuthorizationContext> found = contexts().find(old.grantId());
            contexts().save(fresh, null);
            return found;
        });
        assertThat(seen).as("expired: absent in the transaction").isEmpty();
        assertThat(contexts().find(old.grantId())).contains(fresh);
        assertThat(contexts().findByIdToken(idToken)).as("the expired context's ID token finds nothing").isEmpty();
    }
}
