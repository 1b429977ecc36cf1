package org.oidcstore.store.jpa.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Grant;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.tck.Samples;

/**
 * Every single-use operation raced across two database nodes: two stores (two provider nodes),
 * on Galera nodes 1 and 2, each with {@link #THREADS_PER_NODE} threads released by one barrier on
 * the same record, {@link #RACES} times per operation; the record is saved through either node in
 * turn, so each race also reads another node's fresh write. Exactly one winner every time, every
 * loser with the contract's exception. The figures are printed: races, winners per node, losers,
 * and the certification conflicts the cluster reported meanwhile (each one a transaction that a
 * store retried whole or settled into the loser's answer). Runs under {@code -Pscale-out}.
 */
@Tag("scale-out")
class CrossNodeRaceTest {
    /** Races per operation; {@code -Doidc.scaleout.races=N} changes it. */
    static final int RACES = Integer.getInteger("oidc.scaleout.races", 1000);
    static final int THREADS_PER_NODE = 3;
    private static final int THREADS = 2 * THREADS_PER_NODE;

    private static ExecutorService pool;
    private OidcStore[] nodes;
    private Samples samples;

    @BeforeAll
    static void pool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void shutdown() {
        pool.shutdownNow();
    }

    @BeforeEach
    void stores() {
        nodes = new OidcStore[] {NodeStores.node(1), NodeStores.node(2)};
        NodeStores.clear(1);
        NodeStores.CLOCK.set(Instant.now());
        samples = new Samples(NodeStores.CLOCK);
    }

    @Test
    void authorizationCodeConsume() throws Exception {
        race("code consume", AlreadyConsumedException.class, (round, saver) -> {
            AuthorizationCode code = samples.code();
            saver.authorizationCodes().save(code);
            return s -> s.authorizationCodes().consume(code.code()).orElseThrow();
        }, null);
    }

    @Test
    void refreshTokenConsume() throws Exception {
        race("refresh consume", AlreadyConsumedException.class, (round, saver) -> {
            RefreshToken t = samples.refreshToken();
            saver.refreshTokens().save(t, null);
            return s -> s.refreshTokens().consume(t.token()).orElseThrow();
        }, null);
    }

    @Test
    void refreshTokenRotation() throws Exception {
        race("refresh rotation", AlreadyConsumedException.class, (round, saver) -> {
            RefreshToken parent = samples.refreshToken();
            saver.refreshTokens().save(parent, null);
            return s -> s.inTransaction(() -> {
                RefreshToken used = s.refreshTokens().consume(parent.token()).orElseThrow();
                RefreshToken next = used.successor(Samples.secret("rt"), null, samples.now(),
                        samples.now().plus(Samples.TTL));
                s.refreshTokens().save(next, parent.token());
                return next;
            });
        }, (winner, reader) -> assertThat(reader.refreshTokens().find(((RefreshToken) winner).token()))
                .as("the winner's successor is stored").isPresent());
    }

    @Test
    void pushedRequestConsume() throws Exception {
        race("pushed-request consume", AlreadyConsumedException.class, (round, saver) -> {
            PushedAuthorizationRequest r = samples.par("client-a");
            saver.pushedAuthorizationRequests().save(r);
            return s -> s.pushedAuthorizationRequests().consume(r.requestUri()).orElseThrow();
        }, null);
    }

    /** As a SQL-only deployment may run it: the consume inside the caller's transaction. */
    @Test
    void pushedRequestConsumeInATransaction() throws Exception {
        race("pushed-request consume in tx", AlreadyConsumedException.class, (round, saver) -> {
            PushedAuthorizationRequest r = samples.par("client-a");
            saver.pushedAuthorizationRequests().save(r);
            return s -> s.inTransaction(() -> s.pushedAuthorizationRequests().consume(r.requestUri()).orElseThrow());
        }, null);
    }

    /** As a SQL-only deployment may run it: the mark inside the caller's transaction. */
    @Test
    void jwtIdMarkInATransaction() throws Exception {
        race("JWT-ID mark in tx", AlreadyConsumedException.class, (round, saver) -> {
            String jti = Samples.id("jti");
            Instant exp = samples.now().plusSeconds(120);
            return s -> s.inTransaction(() -> {
                s.consumedJwtIds().mark(jti, exp);
                return jti;
            });
        }, null);
    }

    @Test
    void jwtIdMark() throws Exception {
        race("JWT-ID mark", AlreadyConsumedException.class, (round, saver) -> {
            String jti = Samples.id("jti");
            Instant exp = samples.now().plusSeconds(120);
            return s -> {
                s.consumedJwtIds().mark(jti, exp);
                return jti;
            };
        }, null);
    }

    @Test
    void interactionCompareAndSwap() throws Exception {
        race("interaction compare-and-swap", ConflictException.class, (round, saver) -> {
            Interaction i = samples.interaction(Samples.binaryState(round));
            saver.interactions().save(i);
            return s -> {
                byte[] mine = Samples.binaryState(100_000 + round);
                s.interactionCompareAndSwap().orElseThrow().compareAndSwap(Samples.binaryState(round),
                        new Interaction(i.interactionId(), mine, i.createdAt(), i.expiresAt()));
                return i.interactionId();
            };
        }, null);
    }

    @Test
    void grantOptimisticUpdate() throws Exception {
        race("grant optimistic update", ConflictException.class, (round, saver) -> {
            Grant v1 = saver.grants().save(samples.grant(Samples.id("sub"), "client-a"));
            return s -> s.grants().save(v1.toBuilder().scopes(Set.of("openid", Samples.id("s"))).build());
        }, (winner, reader) -> {
            Grant g = (Grant) winner;
            assertThat(g.version()).isEqualTo(2);
            assertThat(reader.grants().find(g.grantId())).contains(g);
        });
    }

    @Test
    void deviceCodeConsume() throws Exception {
        race("device-code consume", AlreadyConsumedException.class, (round, saver) -> {
            DeviceAuthorization d = samples.deviceAuthorization("client-a");
            saver.deviceAuthorizations().save(d);
            saver.deviceAuthorizations().approve(d.deviceCode(), Approval.of("sub", samples.now())).orElseThrow();
            return s -> s.deviceAuthorizations().consume(d.deviceCode()).orElseThrow();
        }, null);
    }

    /** As a SQL-only deployment may run it: the consume inside the caller's transaction. */
    @Test
    void deviceCodeConsumeInATransaction() throws Exception {
        race("device-code consume in tx", AlreadyConsumedException.class, (round, saver) -> {
            DeviceAuthorization d = samples.deviceAuthorization("client-a");
            saver.deviceAuthorizations().save(d);
            saver.deviceAuthorizations().approve(d.deviceCode(), Approval.of("sub", samples.now())).orElseThrow();
            return s -> s.inTransaction(() -> s.deviceAuthorizations().consume(d.deviceCode()).orElseThrow());
        }, null);
    }

    /** The verification page on two nodes: one approval by user code wins, the others are refused. */
    @Test
    void deviceApprovalByUserCode() throws Exception {
        race("device approval by user code", ConflictException.class, (round, saver) -> {
            DeviceAuthorization d = samples.deviceAuthorization("client-a");
            saver.deviceAuthorizations().save(d);
            return s -> s.deviceAuthorizations().approveByUserCode(d.userCode(), Approval.of("sub", samples.now()))
                    .orElseThrow();
        }, null);
    }

    @Test
    void cibaConsume() throws Exception {
        race("CIBA consume", AlreadyConsumedException.class, (round, saver) -> {
            CibaRequest r = samples.cibaRequest(CibaMode.PING);
            saver.cibaRequests().save(r);
            saver.cibaRequests().approve(r.authReqId(), Approval.of(r.subject(), samples.now())).orElseThrow();
            return s -> s.cibaRequests().consume(r.authReqId()).orElseThrow();
        }, null);
    }

    /** The operation each racing thread runs on its node's store. */
    @FunctionalInterface
    interface Op {
        Object run(OidcStore store) throws Exception;
    }

    /** Prepares one race: saves what it needs through {@code saver}, returns the racing operation. */
    @FunctionalInterface
    interface Setup {
        Op prepare(int round, OidcStore saver) throws Exception;
    }

    /** An extra check of the winner's result, read through the other node. */
    @FunctionalInterface
    interface WinnerCheck {
        void verify(Object winner, OidcStore reader) throws Exception;
    }

    private void race(String name, Class<? extends Throwable> loserType, Setup setup, WinnerCheck check)
            throws Exception {
        long conflictsBefore = conflicts();
        int[] winsByNode = new int[2];
        long losers = 0;
        long started = System.nanoTime();
        for (int round = 0; round < RACES; round++) {
            OidcStore saver = nodes[round % 2];
            Op op = setup.prepare(round, saver);
            List<Object[]> outcomes = once(i -> () -> op.run(nodes[i / THREADS_PER_NODE]));
            int winners = 0;
            Object winner = null;
            for (int i = 0; i < THREADS; i++) {
                Object[] o = outcomes.get(i);
                if (o[1] == null) {
                    winners++;
                    winner = o[0];
                    winsByNode[i / THREADS_PER_NODE]++;
                } else {
                    losers++;
                    if (!loserType.isInstance(o[1])) {
                        throw new AssertionError(name + ", race " + round + ": a loser on node " + (1 + i / THREADS_PER_NODE)
                                + " got " + o[1] + " instead of " + loserType.getSimpleName(), (Throwable) o[1]);
                    }
                }
            }
            assertThat(winners).as("%s, race %d: winners among %d threads on two nodes", name, round, THREADS)
                    .isEqualTo(1);
            if (check != null) {
                check.verify(winner, nodes[(round + 1) % 2]);
            }
        }
        long conflicts = conflicts() - conflictsBefore;
        System.out.printf("[cross-node race] %-29s races=%d winners=%d (node1 %d, node2 %d) losers=%d (%s)"
                + " certification-conflicts=%d (retried whole or settled) in %.1f s%n", name, RACES,
                winsByNode[0] + winsByNode[1], winsByNode[0], winsByNode[1], losers, loserType.getSimpleName(),
                conflicts, (System.nanoTime() - started) / 1e9);
        assertThat(winsByNode[0] + winsByNode[1]).isEqualTo(RACES);
    }

    /** Certification failures and brute-force aborts on nodes 1 and 2 so far. */
    private static long conflicts() throws SQLException {
        long sum = 0;
        for (int n = 1; n <= 2; n++) {
            sum += Long.parseLong(Galera.status(n, "wsrep_local_cert_failures"));
            sum += Long.parseLong(Galera.status(n, "wsrep_local_bf_aborts"));
        }
        return sum;
    }

    /** One race: every thread's call released by one barrier; {value, error} per thread. */
    private static List<Object[]> once(IntFunction<Callable<Object>> op) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        List<Future<Object[]>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<Object> call = op.apply(i);
            futures.add(pool.submit(() -> {
                barrier.await(60, TimeUnit.SECONDS);
                try {
                    return new Object[] {call.call(), null};
                } catch (Exception e) {
                    return new Object[] {null, e};
                }
            }));
        }
        List<Object[]> out = new ArrayList<>();
        for (Future<Object[]> f : futures) {
            out.add(f.get(120, TimeUnit.SECONDS));
        }
        return out;
    }
}
