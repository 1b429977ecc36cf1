package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * What one poll costs the engine, counted by the engine or on the wire (not by the store): a poll
 * is one statement on the table, the conditional {@code UPDATE}, whatever the answer.
 * <ul>
 *   <li>MariaDB: the session's own status counters ({@link MariaDbCounters});</li>
 *   <li>PostgreSQL: the protocol trace of the driver: the server's {@code CommandStatus} reply
 *       per statement it executed, and {@code FE=> Sync} per round trip.</li>
 * </ul>
 * The numbers are printed for the module README.
 */
class PollStatementsTest {
    @Test
    void onMariaDbAPollIsOneUpdateAndNothingElseOnTheTable() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        Samples samples = new Samples(clock);
        try (JpaStore store = MariaDbCounters.oneConnectionStore(clock)) {
            DataSource ds = MariaDbCounters.dataSource(store);
            DeviceAuthorization d = samples.deviceAuthorization("client-a");
            store.deviceAuthorizations().save(d);
            CibaRequest r = samples.cibaRequest(CibaMode.POLL);
            store.cibaRequests().save(r);
            List<Map<String, Long>> costs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, Long> cost = MariaDbCounters.cost(ds, () -> store.deviceAuthorizations().poll(d.deviceCode())
                        .orElseThrow());
                costs.add(cost);
                assertThat(cost).as("device poll %d", i).containsEntry("Com_update", 1L).containsEntry("Com_select", 0L)
                        .containsEntry("Com_insert", 0L).containsEntry("Com_delete", 0L);
            }
            Map<String, Long> ciba = MariaDbCounters.cost(ds, () -> store.cibaRequests().poll(r.authReqId()).orElseThrow());
            assertThat(ciba).as("CIBA poll").containsEntry("Com_update", 1L).containsEntry("Com_select", 0L);
            Map<String, Long> absent = MariaDbCounters.cost(ds, () -> store.deviceAuthorizations().poll(Samples.secret("dc"))
                    .isEmpty());
            assertThat(absent).as("poll of an absent device code").containsEntry("Com_update", 1L)
                    .containsEntry("Com_select", 0L);
            System.out.println("MariaDB statements per device poll: " + costs + "; CIBA poll: " + ciba
                    + "; absent: " + absent);
            // the answers are the engine's: the second early poll slows down
            assertThat(store.deviceAuthorizations().poll(d.deviceCode()).map(PollResult::slowDown)).contains(true);
        }
    }

    /** Protocol messages the PostgreSQL driver sent while {@code work} ran. */
    private static List<String> postgresTrace(Supplier<?> work) {
        List<String> messages = new ArrayList<>();
        SimpleFormatter format = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String m = format.formatMessage(r);
                if (m.contains("FE=>") || m.contains("<=BE CommandStatus")) {
                    messages.add(m.trim());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger logger = Logger.getLogger("org.postgresql");
        Level old = logger.getLevel();
        logger.setLevel(Level.FINEST);
        logger.addHandler(handler);
        try {
            assertThat(work.get()).isNotNull();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(old);
        }
        return messages;
    }

    /**
     * What the server reported it executed, one {@code CommandStatus} per statement ({@code BEGIN},
     * {@code UPDATE 1}, {@code COMMIT}): the server's own account, whether the driver sent the
     * statement's text or, past its prepare threshold, a named server-side statement.
     */
    private static List<String> commands(List<String> trace) {
        List<String> out = new ArrayList<>();
        for (String m : trace) {
            if (m.startsWith("<=BE CommandStatus(")) {
                out.add(m.substring("<=BE CommandStatus(".length(), m.lastIndexOf(')')));
            }
        }
        return out;
    }

    @Test
    void onPostgresqlAPollIsOneUpdateReturningInTheTransactionsRoundTrips() {
        JpaFixture f = TestStores.fixture(Engine.POSTGRESQL);
        OidcStore store = f.store();
        Samples samples = new Samples(f.clock());
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        store.deviceAuthorizations().save(d);
        CibaRequest r = samples.cibaRequest(CibaMode.POLL);
        store.cibaRequests().save(r);
        for (Supplier<Object> poll : List.<Supplier<Object>>of(
                () -> store.deviceAuthorizations().poll(d.deviceCode()).orElseThrow(),
                () -> store.deviceAuthorizations().poll(d.deviceCode()).orElseThrow(),
                () -> store.cibaRequests().poll(r.authReqId()).orElseThrow())) {
            List<String> trace = postgresTrace(poll);
            List<String> commands = commands(trace);
            long roundTrips = trace.stream().filter(m -> m.startsWith("FE=> Sync")).count();
            System.out.println("PostgreSQL poll: " + commands + ", " + roundTrips + " round trips");
            assertThat(commands).as("what the server executed").containsExactly("BEGIN", "UPDATE 1", "COMMIT");
            assertThat(roundTrips).as("round trips (BEGIN goes with the UPDATE)").isEqualTo(2);
        }
        List<String> absent = commands(postgresTrace(() -> store.deviceAuthorizations().poll(Samples.secret("dc"))
                .isEmpty()));
        System.out.println("PostgreSQL poll of an absent device code: " + absent);
        assertThat(absent).containsExactly("BEGIN", "UPDATE 0", "COMMIT");
        assertThat(store.deviceAuthorizations().poll(d.deviceCode()).map(PollResult::state))
                .contains(ApprovalState.PENDING);
    }
}
