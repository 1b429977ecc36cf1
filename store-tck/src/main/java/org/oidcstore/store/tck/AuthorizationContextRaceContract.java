package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.AuthorizationContextStore;

/**
 * The races of {@link AuthorizationContextStore#save}: a provider saves a grant's context at the
 * authorization and again with each ID token it issues, for many end users at once. Saves never
 * decide a single winner, so none may fail: concurrent saves of distinct grants all succeed (an
 * engine lock taken by one save must not deadlock another's), and concurrent saves of one grant
 * leave exactly one of them, whole (its context with its own ID token). Each round races
 * {@link Race#THREADS} threads on fresh grants.
 */
@ContractFor(AuthorizationContextStore.class)
public abstract class AuthorizationContextRaceContract extends StoreContract {

    private AuthorizationContextStore contexts() {
        return store.authorizationContexts();
    }

    private AuthorizationContext context(String grantId, int version) {
        return new AuthorizationContext(grantId, "sub-race", "client-a", Samples.binaryState(version), clock.now(),
                samples.expiry());
    }

    /** What one thread of a distinct-grant round saved: its grant's last context and the ID tokens it bound. */
    private record Saved(AuthorizationContext last, String first, String second) {
    }

    @Test
    @Covers(value = "save", race = true)
    void concurrentSavesOfDistinctGrantsAllSucceed() {
        List<Saved> saved = new ArrayList<>();
        Race.<Saved>rounds(round -> {
            saved.clear();
            return i -> () -> {
                String grantId = Samples.id("grant");
                String first = AuthorizationContextStoreContract.idToken();
                String second = AuthorizationContextStoreContract.idToken();
                contexts().save(context(grantId, 1), null);
                contexts().save(context(grantId, 2), first);
                AuthorizationContext last = context(grantId, 3);
                contexts().save(last, second);
                return new Saved(last, first, second);
            };
        }, (round, outcomes) -> {
            assertThat(outcomes).as("round %d: every save of a distinct grant succeeds", round)
                    .allMatch(Race.Outcome::succeeded, "succeeded");
            for (Race.Outcome<Saved> o : outcomes) {
                Saved s = o.value();
                assertThat(contexts().find(s.last().grantId())).as("round %d", round).contains(s.last());
                assertThat(contexts().findByIdToken(s.second())).as("round %d: the last ID token", round)
                        .contains(s.last());
                assertThat(contexts().findByIdToken(s.first())).as("round %d: the replaced ID token", round).isEmpty();
            }
        });
    }

    @Test
    @Covers(value = "save", race = true)
    void concurrentSavesOfOneGrantLeaveOneOfThemWhole() {
        String[] grant = new String[1];
        List<String> idTokens = new ArrayList<>();
        Race.<Integer>rounds(round -> {
            grant[0] = Samples.id("grant");
            contexts().save(context(grant[0], 0), null);
            idTokens.clear();
            for (int i = 0; i < Race.THREADS; i++) {
                idTokens.add(AuthorizationContextStoreContract.idToken());
            }
            return i -> () -> {
                contexts().save(context(grant[0], i + 1), idTokens.get(i));
                return i;
            };
        }, (round, outcomes) -> {
            assertThat(outcomes).as("round %d: every save of one grant succeeds (the last one stays)", round)
                    .allMatch(Race.Outcome::succeeded, "succeeded");
            AuthorizationContext stayed = contexts().find(grant[0]).orElseThrow();
            int winner = -1;
            for (int i = 0; i < Race.THREADS; i++) {
                if (stayed.equals(context(grant[0], i + 1))) {
                    winner = i;
                }
            }
            assertThat(winner).as("round %d: the context left is one of the racers'", round).isNotNegative();
            for (int i = 0; i < Race.THREADS; i++) {
                Optional<AuthorizationContext> bound = contexts().findByIdToken(idTokens.get(i));
                if (i == winner) {
                    assertThat(bound).as("round %d: the winner's ID token finds its context", round).contains(stayed);
                } else {
                    assertThat(bound).as("round %d: a loser's ID token %d", round, i).isEmpty();
                }
            }
        });
    }
}
