package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.redis.support.RedisServerProcess;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import redis.clients.jedis.resps.Slowlog;

/**
 * What each operation of the two new kinds costs in round trips, counted exactly on a redis-server
 * of the test's own (its slow log with a threshold of 0, nobody else's commands): a poll is one script call
 * (one round trip, no read before it), every transition one call, a save by device code one script
 * plus the user code's reservation, an operation by user code one GET plus one call. An approval
 * adds the subject's hint first ({@code subject-hint-add}), after reading the record's expiry when
 * approved by device code (the user code's reservation carries it); a CIBA save adds its
 * subject's hint first; an interaction adds one only when it names a subject.
 */
class ApprovalRoundTripsTest {

    /**
     * The commands the store sent while {@code op} ran, by name: the slow log with a threshold of 0
     * records every command, and names the client that sent it; the commands a script runs are
     * logged under a client of the server's own (no name, no address), the admin's under no name.
     * So one entry named {@code oidc-store} is one round trip.
     */
    private static Map<String, Long> commands(RedisServerProcess server, Runnable op) {
        try (var admin = server.admin()) {
            admin.configSet("slowlog-log-slower-than", "0");
            admin.configSet("slowlog-max-len", "10000");
            admin.slowlogReset();
            op.run();
            Map<String, Long> out = new TreeMap<>();
            for (Slowlog entry : admin.slowlogGet(10_000)) {
                if ("oidc-store".equals(entry.getClientName())) { // the store's connections name themselves
                    out.merge(entry.getArgs().get(0).toLowerCase(Locale.ROOT), 1L, Long::sum);
                }
            }
            return out;
        }
    }

    private static <T> T counted(RedisServerProcess server, Map<String, Long> expected, Supplier<T> op) {
        Object[] result = new Object[1];
        assertThat(commands(server, () -> result[0] = op.get())).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    @Test
    void aPollIsOneScriptCallAndEveryTransitionOne() {
        MutableClock clock = MutableClock.startingNow();
        try (RedisServerProcess server = RedisServerProcess.start();
             RedisStore store = RedisStores.open(RedisSettings.builder().standalone(server.uri())
                     .password(RedisServerProcess.PASSWORD).devModeAllowPlaintext(true)
                     .keyPrefix("oidctest:rt:").build(), clock)) {
            Instant now = clock.now();
            var devices = store.deviceAuthorizations();
            String dc = Samples.secret("dc");
            DeviceAuthorization d = DeviceAuthorization.pending(dc, "WDJB-MJHT", "client-a", Set.of("openid"), Map.of(),
                    now, now.plusSeconds(600), Duration.ofSeconds(5));
            Map<String, Long> oneScript = Map.of("evalsha", 1L);
            counted(server, Map.of("evalsha", 2L), () -> {
                devices.save(d); // device-reserve, approval-save
                return null;
            });
            assertThat(counted(server, oneScript, () -> devices.poll(dc)))
                    .contains(new PollResult(ApprovalState.PENDING, false, Duration.ofSeconds(5)));
            assertThat(counted(server, oneScript, () -> devices.poll(dc)))
                    .contains(new PollResult(ApprovalState.PENDING, true, Duration.ofSeconds(10)));
            assertThat(counted(server, Map.of("hmget", 1L), () -> devices.find(dc))).isPresent();
            assertThat(counted(server, Map.of("get", 1L, "hmget", 1L), () -> devices.findByUserCode("wdjb mjht")))
                    .isPresent();
            assertThat(counted(server, Map.of("get", 1L, "evalsha", 1L), () -> devices.strike("WDJBMJHT")))
                    .hasValue(1);
            assertThat(counted(server, Map.of("get", 1L, "evalsha", 2L),
                    () -> devices.approveByUserCode("WDJB-MJHT", Approval.of("alice", now)))).isPresent();
            assertThat(counted(server, oneScript, () -> devices.recordPollViolation(dc))).hasValue(1);
            assertThat(counted(server, oneScript, () -> devices.consume(dc))).isPresent();
            assertThat(counted(server, oneScript, () -> devices.revoke(dc))).isFalse();
            String dc2 = Samples.secret("dc");
            devices.save(DeviceAuthorization.pending(dc2, "BCDF-GHJK", "client-a", Set.of("openid"), Map.of(), now,
                    now.plusSeconds(600), Duration.ofSeconds(5)));
            assertThat(counted(server, Map.of("hget", 1L, "evalsha", 2L),
                    () -> devices.approve(dc2, Approval.of("alice", now)))).isPresent();
            assertThat(counted(server, oneScript, () -> devices.deny(Samples.secret("dc")))).isEmpty();
            // erasure: one script takes the subject's hints, then one script per hinted record
            assertThat(counted(server, Map.of("evalsha", 3L), () -> devices.eraseSubject("alice")))
                    .isEqualTo(2);

            var ciba = store.cibaRequests();
            String arid = Samples.secret("arid");
            counted(server, Map.of("evalsha", 2L), () -> {
                ciba.save(CibaRequest.pending(arid, "client-a", "alice", Set.of("openid"), List.of(), null,
                        CibaMode.PING, Samples.secret("cnt"), now, now.plusSeconds(600), Duration.ofSeconds(5)));
                return null;
            });
            assertThat(counted(server, oneScript, () -> ciba.poll(arid))).isPresent();
            assertThat(counted(server, oneScript, () -> ciba.approve(arid, Approval.of("alice", now)))).isPresent();
            assertThat(counted(server, oneScript, () -> ciba.consume(arid))).isPresent();
            assertThat(counted(server, Map.of("hmget", 1L), () -> ciba.find(arid))).isPresent();
            assertThat(counted(server, Map.of("evalsha", 2L), () -> ciba.eraseSubject("alice")))
                    .isEqualTo(1);
        }
    }

    @Test
    void anInteractionWithoutSubjectIsOneRoundTripAndWithOneOneMore() {
        MutableClock clock = MutableClock.startingNow();
        try (RedisServerProcess server = RedisServerProcess.start();
             RedisStore store = RedisStores.open(RedisSettings.builder().standalone(server.uri())
                     .password(RedisServerProcess.PASSWORD).devModeAllowPlaintext(true)
                     .keyPrefix("oidctest:rt:").build(), clock)) {
            Instant now = clock.now();
            var ia = (org.oidcstore.store.InteractionCompareAndSwap) store.interactions();
            byte[] s0 = {0};
            byte[] s1 = {1};
            byte[] s2 = {2};
            var anonymous = new org.oidcstore.store.Interaction("ia-1", s0, now, now.plusSeconds(600));
            Map<String, Long> oneScript = Map.of("evalsha", 1L);
            counted(server, oneScript, () -> {
                ia.save(anonymous);
                return null;
            });
            counted(server, oneScript, () -> {
                ia.compareAndSwap(s0, new org.oidcstore.store.Interaction("ia-1", s1, now, now.plusSeconds(600)));
                return null;
            });
            counted(server, Map.of("evalsha", 2L), () -> {
                ia.compareAndSwap(s1, new org.oidcstore.store.Interaction("ia-1", s2, now, now.plusSeconds(600), "alice"));
                return null;
            });
            counted(server, Map.of("evalsha", 2L), () -> {
                ia.save(new org.oidcstore.store.Interaction("ia-2", s0, now, now.plusSeconds(600), "alice"));
                return null;
            });
            assertThat(counted(server, Map.of("hmget", 1L), () -> ia.find("ia-1"))).get()
                    .extracting(org.oidcstore.store.Interaction::subject).isEqualTo("alice");
            assertThat(counted(server, Map.of("evalsha", 3L), () -> ia.eraseSubject("alice")))
                    .isEqualTo(2);
        }
    }
}
