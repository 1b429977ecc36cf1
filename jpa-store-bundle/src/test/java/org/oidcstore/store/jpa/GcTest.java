package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

class GcTest {

    /** Writes one record of every expiring kind that expires {@code ttl} from now; returns nothing. */
    private static void seedOneOfEach(OidcStore store, Samples samples, Instant now, Duration ttl) {
        Instant exp = now.plus(ttl);
        store.authorizationCodes().save(samples.code().toBuilder().expiresAt(exp).build());
        store.refreshTokens().save(samples.refreshToken(Samples.id("grant")).toBuilder().expiresAt(exp).build(), null);
        store.grants().save(samples.grant(Samples.id("sub"), "client-a").toBuilder().expiresAt(exp).build());
        store.accessTokens().register(new JwtAccessToken(Samples.secret("jti"), "client-a", "sub", "g", null, now, exp,
                false));
        store.opaqueAccessTokens().save(OpaqueAccessToken.builder().token(Samples.secret("at")).clientId("client-a")
                .issuedAt(now).expiresAt(exp).build());
        store.authorizationContexts().save(new org.oidcstore.store.AuthorizationContext(Samples.id("grant"), "sub-gc",
                "client-a", Samples.binaryState(1), now, exp), Samples.secret("idt"));
        store.grantRevocations().revokeGrant(Samples.id("grant"), now, exp);
        store.grantRevocations().revokeJti(Samples.secret("jti"), exp);
        store.sessions().save(samples.session("gc").toBuilder().expiresAt(exp).build());
        store.interactions().save(new Interaction(Samples.id("ia"), Samples.binaryState(1), now, exp));
        store.consumedJwtIds().mark(Samples.secret("jti"), exp);
        store.pushedAuthorizationRequests().save(new PushedAuthorizationRequest(Samples.secret("urn:x"), "client-a",
                Map.of(), now, exp));
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        store.deviceAuthorizations().save(DeviceAuthorization.pending(d.deviceCode(), d.userCode(), "client-a",
                d.scopes(), d.parameters(), now, exp, d.interval()));
        CibaRequest r = samples.cibaRequest(CibaMode.PING);
        store.cibaRequests().save(CibaRequest.pending(r.authReqId(), r.clientId(), r.subject(), r.scopes(),
                r.acrValues(), r.bindingMessage(), r.mode(), r.clientNotificationToken(), now, exp, r.interval()));
        store.initialAccessTokens().save(InitialAccessToken.issue(Samples.secret("iat"), now, exp, null, null));
        store.registrationAccessTokens().save(new RegistrationAccessToken(Samples.id("client"), Samples.secret("rat"),
                now, exp));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSweepDeletesExactlyTheExpiredRecordsAndCountsThemPerKind(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        Samples samples = new Samples(f.clock());
        Instant t0 = f.clock().now();
        seedOneOfEach(f.store(), samples, t0, Duration.ofMinutes(1));
        seedOneOfEach(f.store(), samples, t0, Duration.ofMinutes(1));
        seedOneOfEach(f.store(), samples, t0, Duration.ofDays(1));
        f.clock().set(t0.plus(Duration.ofMinutes(1)).plus(PushedAuthorizationRequestStore.CONSUME_GRACE));

        var report = f.jpaStore().gc().collect();

        Map<StoreKind, Integer> expected = new EnumMap<>(StoreKind.class);
        for (StoreKind k : f.store().kinds()) {
            if (k != StoreKind.CLIENTS && k != StoreKind.USERS && k != StoreKind.PROVIDER_METADATA) {
                // expired initial access tokens are kept (reported as expired) for their retention
                expected.put(k, k == StoreKind.GRANT_REVOCATIONS ? 4 : k == StoreKind.INITIAL_ACCESS_TOKENS ? 0 : 2);
            }
        }
        assertThat(report.deleted()).isEqualTo(expected);
        assertThat(report.total()).isEqualTo(13 * 2 + 4);
        assertThat(report.cutoff()).isEqualTo(f.clock().now());
        for (String table : new String[] {"oidc_authorization_code", "oidc_refresh_token", "oidc_grant",
            "oidc_access_token", "oidc_opaque_access_token", "oidc_authorization_context", "oidc_grant_tombstone",
            "oidc_revoked_jti", "oidc_session",
            "oidc_interaction", "oidc_consumed_jti", "oidc_pushed_auth_request", "oidc_device_authorization",
            "oidc_ciba_request", "oidc_registration_token"}) {
            assertThat(f.count(table)).as("live rows left in %s", table).isEqualTo(1);
        }
        assertThat(f.count("oidc_initial_access_token")).as("initial access tokens within their retention").isEqualTo(3);
        assertThat(f.jpaStore().gc().collect().total()).as("a second sweep finds nothing").isZero();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aConsumedPushedRequestStaysAsReplayEvidenceUntilTheGraceEnds(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        PushedAuthorizationRequest r = new Samples(f.clock()).par("client-a");
        f.store().pushedAuthorizationRequests().save(r);
        f.store().pushedAuthorizationRequests().consume(r.requestUri()).orElseThrow();
        f.clock().set(r.expiresAt().plus(PushedAuthorizationRequestStore.CONSUME_GRACE).minusMillis(1));
        assertThat(f.jpaStore().gc().collect().deleted().get(StoreKind.PUSHED_AUTHORIZATION_REQUESTS)).isZero();
        f.clock().set(r.expiresAt().plus(PushedAuthorizationRequestStore.CONSUME_GRACE));
        assertThat(f.jpaStore().gc().collect().deleted().get(StoreKind.PUSHED_AUTHORIZATION_REQUESTS)).isEqualTo(1);
    }

    /** An expired chain member is kept while its grant has a live refresh token, so chain revocation still works. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void refreshTokensAreKeptWhileATokenOfTheirGrantIsLive(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        Samples samples = new Samples(f.clock());
        Instant t0 = f.clock().now();
        RefreshToken root = samples.refreshToken("grant-kept").toBuilder().expiresAt(t0.plusSeconds(30)).build();
        f.store().refreshTokens().save(root, null);
        f.store().refreshTokens().consume(root.token()).orElseThrow();
        RefreshToken child = root.successor(Samples.secret("rt"), null, t0, t0.plus(Duration.ofHours(1)));
        f.store().refreshTokens().save(child, root.token());
        RefreshToken lonely = samples.refreshToken("grant-gone").toBuilder().expiresAt(t0.plusSeconds(30)).build();
        f.store().refreshTokens().save(lonely, null);
        f.store().refreshTokens().revokeByGrant("grant-gone");
        f.clock().set(t0.plusSeconds(60));

        assertThat(f.jpaStore().gc().collect().deleted().get(StoreKind.REFRESH_TOKENS))
                .as("only the token of the grant without a live token").isEqualTo(1);
        assertThat(f.count("oidc_refresh_token_lock")).as("the lock row of the emptied grant is swept").isZero();
        assertThat(f.store().refreshTokens().revokeChain(root.token())).as("the kept root still reaches its child")
                .isEqualTo(2);
        assertThat(f.store().refreshTokens().find(child.token()).orElseThrow().revoked()).isTrue();

        f.clock().set(t0.plus(Duration.ofHours(1)));
        assertThat(f.jpaStore().gc().collect().deleted().get(StoreKind.REFRESH_TOKENS)).isEqualTo(2);
        assertThat(f.count("oidc_refresh_token")).isZero();
        assertThat(f.count("oidc_refresh_token_lock")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sweepsRunInBoundedBatchesEachInItsOwnTransaction(Engine engine) throws Exception {
        TestStores.fixture(engine); // empties the tables
        MutableClock clock = MutableClock.startingNow();
        try (JpaStore small = JpaStores.open(TestStores.settings(engine).withGcBatchSize(3), clock)) {
            Samples samples = new Samples(clock);
            for (int i = 0; i < 10; i++) {
                AuthorizationCode c = samples.code();
                small.authorizationCodes().save(c);
            }
            clock.advance(Samples.TTL);
            TransactionManager tm = small.transactionManager();
            tm.begin();
            try {
                var report = small.gc().collect();
                assertThat(tm.getStatus()).as("the caller's transaction is resumed").isEqualTo(Status.STATUS_ACTIVE);
                assertThat(report.deleted().get(StoreKind.AUTHORIZATION_CODES)).isEqualTo(10);
                // 4 batches of at most 3 codes (3+3+3+1), one each for the 16 other sweeps
                assertThat(report.batches()).isEqualTo(4 + 16);
            } finally {
                tm.rollback();
            }
            assertThat(small.authorizationCodes().find(samples.code().code())).isEmpty();
            assertThat(TestStores.current(engine).count("oidc_authorization_code"))
                    .as("batches committed on their own, not in the rolled-back caller transaction").isZero();
        }
    }

    /**
     * Each batch resumes after the last row of the previous one (expiry, then key): rows sharing
     * one expiry across batch boundaries, rows expired at other instants and live rows between them
     * are each judged once; nothing expired is skipped, nothing live is deleted.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void batchesWalkTheExpiryIndexAcrossTiesWithoutSkippingOrRevisitingRows(Engine engine) throws Exception {
        TestStores.fixture(engine); // empties the tables
        MutableClock clock = MutableClock.startingNow();
        try (JpaStore small = JpaStores.open(TestStores.settings(engine).withGcBatchSize(3), clock)) {
            Samples samples = new Samples(clock);
            Instant t0 = clock.now();
            Instant tie = t0.plusSeconds(60);
            for (int i = 0; i < 7; i++) {
                small.authorizationCodes().save(samples.code().toBuilder().expiresAt(tie).build());
            }
            small.authorizationCodes().save(samples.code().toBuilder().expiresAt(t0.plusSeconds(10)).build());
            small.authorizationCodes().save(samples.code().toBuilder().expiresAt(t0.plusSeconds(90)).build());
            for (int i = 0; i < 4; i++) {
                small.authorizationCodes().save(samples.code().toBuilder().expiresAt(t0.plusSeconds(3600 + i)).build());
            }
            for (int i = 0; i < 5; i++) {
                small.sessions().save(samples.session("walk-" + i).toBuilder().expiresAt(tie).build());
            }
            clock.set(t0.plusSeconds(120));

            var report = small.gc().collect();

            assertThat(report.deleted().get(StoreKind.AUTHORIZATION_CODES)).isEqualTo(9);
            assertThat(report.deleted().get(StoreKind.SESSIONS)).isEqualTo(5);
            // codes 3+3+3+0, sessions 3+2, one each for the 15 other sweeps
            assertThat(report.batches()).isEqualTo(4 + 2 + 15);
            assertThat(TestStores.current(engine).count("oidc_authorization_code")).as("the live codes").isEqualTo(4);
            assertThat(TestStores.current(engine).count("oidc_session")).isZero();
        }
    }

    /**
     * A scheduler shutting down interrupts its thread: a sweep ends after the batch in flight (a
     * purge, which runs one table, after its first batch; the GC before its next table).
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void anInterruptedSweepStopsAfterTheBatchInFlight(Engine engine) throws Exception {
        TestStores.fixture(engine); // empties the tables
        MutableClock clock = MutableClock.startingNow();
        try (JpaStore small = JpaStores.open(TestStores.settings(engine).withGcBatchSize(3), clock)) {
            Samples samples = new Samples(clock);
            Instant now = clock.now();
            for (int i = 0; i < 7; i++) {
                small.authorizationCodes().save(samples.code());
                small.accessTokens().register(new JwtAccessToken(Samples.secret("jti"), "client-a", "sub", "g", null,
                        now, now.plus(Samples.TTL), false));
            }
            clock.advance(Samples.TTL);
            Thread.currentThread().interrupt();
            try {
                assertThat(small.accessTokens().purgeExpired(clock.now())).as("one batch of 3, then no more")
                        .isEqualTo(3);
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
                var report = small.gc().collect();
                assertThat(report.total()).isZero();
                assertThat(report.batches()).isZero();
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
            } finally {
                Thread.interrupted();
            }
            var report = small.gc().collect();
            assertThat(report.deleted().get(StoreKind.AUTHORIZATION_CODES)).isEqualTo(7);
            assertThat(report.deleted().get(StoreKind.ACCESS_TOKENS)).as("the rest of the purge").isEqualTo(4);
        }
    }

    /** The configured allowance, not the default: a marker is swept only that long past its expiry. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aJwtIdMarkerIsSweptOnlyOnceTheConfiguredClockSkewHasPassed(Engine engine) {
        TestStores.fixture(engine); // empties the tables
        MutableClock clock = MutableClock.startingNow();
        Duration skew = Duration.ofMinutes(5);
        try (JpaStore skewed = JpaStores.open(TestStores.settings(engine).withJwtIdClockSkew(skew).withPoolSize(2),
                clock)) {
            String jti = Samples.secret("jti");
            Instant exp = clock.now().plusSeconds(30);
            skewed.consumedJwtIds().mark(jti, exp);
            clock.set(exp.plus(skew).minusMillis(1));
            assertThat(skewed.consumedJwtIds().isMarked(jti)).as("expired by this clock").isFalse();
            assertThat(skewed.gc().collect().deleted().get(StoreKind.CONSUMED_JWT_IDS)).isZero();
            clock.set(exp.minusSeconds(1));
            assertThat(skewed.consumedJwtIds().isMarked(jti)).as("still live for a node whose clock lags").isTrue();
            clock.set(exp.plus(skew));
            assertThat(skewed.gc().collect().deleted().get(StoreKind.CONSUMED_JWT_IDS)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "H2")
    void theScheduleSweepsByItselfOnADaemonThread(Engine engine) throws Exception {
        TestStores.fixture(engine);
        MutableClock clock = MutableClock.startingNow();
        try (JpaStore scheduled = JpaStores.open(TestStores.settings(engine).withGcInterval(Duration.ofMillis(100)),
                clock)) {
            AuthorizationCode c = new Samples(clock).code();
            scheduled.authorizationCodes().save(c);
            clock.advance(Samples.TTL);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (TestStores.current(engine).count("oidc_authorization_code") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(TestStores.current(engine).count("oidc_authorization_code")).isZero();
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("oidc-store-gc"))
                    .isNotEmpty().allMatch(Thread::isDaemon);
        }
    }
}
