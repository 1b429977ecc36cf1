package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * What a provider's token endpoint sends MariaDB, counted by the engine ({@link MariaDbCounters}):
 * the lookup of a code or refresh token with its grant's context in one transaction is ONE
 * {@code SELECT} (the token's statement joins the context row, {@code ContextRowsRead}); the
 * redemption that follows is ONE {@code UPDATE}, nothing read back ({@code RecentlyFound}); a
 * context the transaction found absent is saved by ONE insert, no {@code UPDATE} first.
 */
class LookupStatementsMariaDbTest {

    @Test
    void aLookupWithItsContextIsOneSelectAndTheRedemptionAfterItOneUpdate() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        Samples samples = new Samples(clock);
        try (JpaStore store = MariaDbCounters.oneConnectionStore(clock)) {
            DataSource ds = MariaDbCounters.dataSource(store);
            AuthorizationCode code = samples.code();
            AuthorizationContext codeContext = context(code.grantId(), clock);
            RefreshToken rt = samples.refreshToken();
            AuthorizationContext rtContext = context(rt.grantId(), clock);
            store.inTransaction(() -> {
                store.authorizationCodes().save(code);
                store.authorizationContexts().save(codeContext, null);
                store.refreshTokens().save(rt, null);
                store.authorizationContexts().save(rtContext, null);
                return null;
            });

            Map<String, Long> codeLookup = MariaDbCounters.cost(ds, () -> store.inTransaction(() -> {
                assertThat(store.authorizationCodes().find(code.code())).contains(code);
                return store.authorizationContexts().find(code.grantId()).orElseThrow();
            }));
            Map<String, Long> redemption = MariaDbCounters.cost(ds, () -> store.inTransaction(() ->
                    store.authorizationCodes().consume(code.code()).orElseThrow()));
            Map<String, Long> rtLookup = MariaDbCounters.cost(ds, () -> store.inTransaction(() -> {
                assertThat(store.refreshTokens().find(rt.token())).contains(rt);
                return store.authorizationContexts().find(rt.grantId()).orElseThrow();
            }));
            Map<String, Long> rotation = MariaDbCounters.cost(ds, () -> store.inTransaction(() -> {
                RefreshToken used = store.refreshTokens().consume(rt.token()).orElseThrow();
                RefreshToken next = used.successor(Samples.secret("rt"), null, clock.now(),
                        clock.now().plus(Duration.ofDays(1)));
                store.refreshTokens().save(next, rt.token());
                return next;
            }));
            AuthorizationContext fresh = context(Samples.id("grant"), clock);
            Map<String, Long> newGrant = MariaDbCounters.cost(ds, () -> store.inTransaction(() -> {
                assertThat(store.authorizationContexts().find(fresh.grantId())).isEmpty();
                store.authorizationContexts().save(fresh, null);
                return fresh;
            }));
            System.out.println("MariaDB statements: code + context lookup " + codeLookup + "; redemption after it "
                    + redemption + "; refresh token + context lookup " + rtLookup + "; rotation after it " + rotation
                    + "; new grant's context found absent, then saved " + newGrant);

            assertThat(codeLookup).as("code + context lookup").containsEntry("Com_select", 1L)
                    .containsEntry("Com_commit", 1L).containsEntry("Questions", 2L);
            assertThat(rtLookup).as("refresh token + context lookup").containsEntry("Com_select", 1L)
                    .containsEntry("Questions", 2L);
            assertThat(redemption).as("redemption after a lookup").containsEntry("Com_update", 1L)
                    .containsEntry("Com_select", 0L).containsEntry("Questions", 2L);
            assertThat(rotation).as("rotation after a lookup").containsEntry("Com_update", 1L)
                    .containsEntry("Com_insert", 1L).containsEntry("Com_select", 0L).containsEntry("Questions", 3L);
            assertThat(newGrant).as("a context found absent, then saved").containsEntry("Com_select", 1L)
                    .containsEntry("Com_update", 0L).containsEntry("Com_insert", 1L).containsEntry("Questions", 3L);
            assertThat(store.authorizationContexts().find(fresh.grantId())).contains(fresh);
            assertThat(store.authorizationCodes().find(code.code()).orElseThrow().isConsumed()).isTrue();
        }
    }

    private static AuthorizationContext context(String grantId, MutableClock clock) {
        return new AuthorizationContext(grantId, "sub-lookup", "client-a", Samples.binaryState(7), clock.now(),
                clock.now().plus(Samples.TTL));
    }
}
