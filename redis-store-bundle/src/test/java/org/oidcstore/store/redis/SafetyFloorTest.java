package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.redis.internal.RedisFixture;
import org.oidcstore.store.redis.support.LogCapture;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/** The safety floor: what the tier refuses to start with, and that no credential ever leaks. */
class SafetyFloorTest {
    private static final String SECRET = "Sup3r-S3cret-Passw0rd";

    private static RedisSettings.Builder safe() {
        return RedisSettings.builder().standalone(URI.create("rediss://redis.example:6380/0")).user("oidc")
                .password(SECRET).secretPepper(TestServers.PEPPER);
    }

    private static String problemsOf(RedisSettings s) {
        try {
            s.validate();
            return "";
        } catch (StoreConfigurationException e) {
            return e.getMessage();
        }
    }

    @Test
    void safeSettingsValidate() {
        assertThatCode(() -> safe().build().validate()).doesNotThrowAnyException();
        assertThat(safe().build().unsafeSettings()).isEmpty();
    }

    @Test
    void plaintextAndMissingAuthAreRefusedTogetherWithoutDevMode() {
        RedisSettings s = RedisSettings.builder().standalone(URI.create("redis://127.0.0.1:6380"))
                .secretPepper(TestServers.PEPPER).build();
        assertThatThrownBy(() -> RedisStores.open(s)).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1404").hasMessageContaining("OIDCS-1405")
                .hasMessageContaining("oidc.store.redis.dev-mode-allow-plaintext=true");
        assertThat(s.unsafeSettings()).hasSize(2).anyMatch(m -> m.startsWith("OIDCS-1460"))
                .anyMatch(m -> m.startsWith("OIDCS-1461"));
        assertThat(s.toBuilder().devModeAllowPlaintext(true).build().unsafeSettings()).singleElement().asString()
                .startsWith("OIDCS-1461");
        assertThat(s.toBuilder().devModeAllowPlaintext(true).devModeAllowNoAuth(true).build().unsafeSettings())
                .isEmpty();
    }

    @Test
    void sentinelsWithoutTheirOwnAuthAreRefusedOutsideDevMode() {
        RedisSettings.Builder sentinel = RedisSettings.builder().sentinel("m", List.of(URI.create("rediss://s1:26379"),
                URI.create("rediss://s2:26379"))).user("oidc").password(SECRET);
        assertThat(problemsOf(sentinel.build())).contains("OIDCS-1417").contains("oidc.store.redis.sentinel.password")
                .doesNotContain(SECRET);
        assertThat(problemsOf(sentinel.sentinelPassword("s-" + SECRET).build())).isEmpty();
        assertThat(problemsOf(sentinel.sentinelPassword(null).devModeAllowNoAuth(true).build())).isEmpty();
    }

    @Test
    void tlsWithoutAuthIsStillRefused() {
        assertThat(problemsOf(safe().user(null).password(null).build())).contains("OIDCS-1405")
                .doesNotContain("OIDCS-1404");
    }

    @Test
    void devModeStartsAgainstARealServerAndWarnsAtEveryStart() {
        try (LogCapture log = LogCapture.redisTier()) {
            for (int i = 0; i < 2; i++) {
                try (RedisFixture f = new RedisFixture(Topology.PLAIN)) {
                    f.store().consumedJwtIds().mark("jti", f.clock().now().plusSeconds(10));
                }
            }
            assertThat(log.warnings()).filteredOn(m -> m.startsWith("OIDCS-1421")).hasSize(2)
                    .allMatch(m -> m.contains("dev-mode-allow-plaintext") && !m.contains(TestServers.devPassword()));
        }
    }

    @Test
    void theKeyPrefixIsValidated() {
        for (String bad : List.of("oidc", "oi{d}:", "oidc *:", "", "o".repeat(64) + ":", "oidc:\n")) {
            assertThat(problemsOf(safe().keyPrefix(bad).build())).as("prefix '%s'", bad).contains("OIDCS-1411");
        }
        for (String good : List.of("oidc:", "tenant-1:oidc_store:", "a:")) {
            assertThat(problemsOf(safe().keyPrefix(good).build())).as("prefix '%s'", good).isEmpty();
        }
    }

    @Test
    void theMaxValueSizeMustLieBetweenOneKibAndOneMib() {
        assertThat(problemsOf(safe().maxValueBytes(1023).build())).contains("OIDCS-1412");
        assertThat(problemsOf(safe().maxValueBytes(1024 * 1024 + 1).build())).contains("OIDCS-1412");
        assertThat(problemsOf(safe().maxValueBytes(1024).build())).isEmpty();
        assertThat(problemsOf(safe().maxValueBytes(1024 * 1024).build())).isEmpty();
    }

    @Test
    void aValueOverTheLimitIsRefusedBeforeAnythingIsWritten() {
        MutableClock clock = MutableClock.startingNow();
        String prefix = RedisFixture.newPrefix();
        RedisSettings s = Topology.PLAIN.settings(prefix).maxValueBytes(1024).build();
        try (RedisStore store = RedisFixture.open(Topology.PLAIN, s, clock)) {
            Samples samples = new Samples(clock);
            Interaction big = samples.interaction(new byte[2000]);
            assertThatThrownBy(() -> store.interactions().save(big)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1024");
            var session = samples.session("g").toBuilder().amr(List.of("x".repeat(1500))).build();
            assertThatThrownBy(() -> store.sessions().save(session)).isInstanceOf(IllegalArgumentException.class);
            var bigPar = new org.oidcstore.store.PushedAuthorizationRequest(Samples.secret("urn"), "c",
                    java.util.Map.of("request", List.of("y".repeat(1500))), clock.now(), clock.now().plusSeconds(60));
            assertThatThrownBy(() -> store.pushedAuthorizationRequests().save(bigPar))
                    .isInstanceOf(IllegalArgumentException.class);
            Interaction small = samples.interaction(new byte[500]);
            store.interactions().save(small);
            assertThatThrownBy(() -> store.interactionCompareAndSwap().orElseThrow().compareAndSwap(new byte[500],
                    new Interaction(small.interactionId(), new byte[2000], small.createdAt(), small.expiresAt())))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.interactions().find(small.interactionId())).contains(small);
            assertThat(RedisFixture.admin(Topology.PLAIN).keys(prefix)).as("only the small interaction").hasSize(1);
        } finally {
            RedisFixture.admin(Topology.PLAIN).deleteAll(prefix);
        }
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsId() {
        RedisSettings s = RedisSettings.builder().standalone(URI.create("redis://u:" + SECRET + "@127.0.0.1:1"))
                .keyPrefix("bad").maxValueBytes(10).timeout(Duration.ZERO).poolSize(0).user("someone")
                .secretPepper("not base64 !").build();
        String m = problemsOf(s);
        assertThat(m).contains("OIDCS-1404", "OIDCS-1405", "OIDCS-1406", "OIDCS-1407", "OIDCS-1411", "OIDCS-1412",
                "OIDCS-1413", "OIDCS-1414", "OIDCS-1011");
        assertThat(m).doesNotContain(SECRET);
    }

    @Test
    void credentialsNeverAppearInMessagesOrToString() {
        RedisSettings s = safe().sentinelPassword(SECRET + "-s").truststorePassword(SECRET + "-t")
                .secretPepper("c2VjcmV0LXBlcHBlci1vZi10aGlydHktdHdvLWJ5dGVzLSEh").build();
        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain("c2VjcmV0LXBlcHBlci");
        RedisSettings inUri = RedisSettings.builder().standalone(URI.create("rediss://app:" + SECRET + "@127.0.0.1:6390"))
                .build();
        assertThat(inUri.toString()).doesNotContain(SECRET);
        assertThat(problemsOf(inUri)).contains("OIDCS-1406").doesNotContain(SECRET);
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        RedisSettings s = Topology.TLS_ACL.settings(RedisFixture.newPrefix()).password(SECRET).build();
        Throwable t = catchStoreException(() -> RedisStores.open(s, Clock.systemUTC()));
        assertThat(t).isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1431");
        assertThat(chain(t)).noneMatch(m -> m.contains(SECRET) || m.contains(TestServers.appPassword()));
    }

    @Test
    void aServerCertificateFromAnUntrustedCaIsRefused() {
        RedisSettings s = Topology.TLS_ACL.settings(RedisFixture.newPrefix()).truststore(null).build();
        Throwable t = catchStoreException(() -> RedisStores.open(s, Clock.systemUTC()));
        assertThat(t).isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1432");
        assertThat(chain(t)).noneMatch(m -> m.contains(TestServers.appPassword()));
    }

    @Test
    void aClientCertificateCanBePresented() {
        RedisSettings s = Topology.TLS_ACL.settings(RedisFixture.newPrefix()).keystore(TestServers.clientKeystore())
                .keystorePassword(TestServers.STORE_PASSWORD).build();
        try (RedisStore store = RedisFixture.open(Topology.TLS_ACL, s, Clock.systemUTC())) {
            assertThat(store.consumedJwtIds().isMarked("nothing")).isFalse();
        }
    }

    @Test
    void aKeyOutsideTheAclUsersPatternIsAConfigurationErrorNamingNoSecret() {
        RedisSettings s = Topology.TLS_ACL.settings("elsewhere:").build();
        try (RedisStore store = RedisFixture.open(Topology.TLS_ACL, s, Clock.systemUTC())) {
            Throwable t = catchStoreException(() -> store.consumedJwtIds().mark("jti-secret-value",
                    java.time.Instant.now().plusSeconds(60)));
            assertThat(t).isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1433");
            assertThat(chain(t)).noneMatch(m -> m.contains("jti-secret-value"));
        }
    }

    @Test
    void conflictsNameNoInteractionId() {
        try (RedisFixture f = new RedisFixture(Topology.PLAIN)) {
            Samples samples = new Samples(f.clock());
            Interaction ia = samples.interaction(Samples.binaryState(1));
            f.store().interactions().save(ia);
            var cas = f.store().interactionCompareAndSwap().orElseThrow();
            Throwable swap = catchStoreException(() -> cas.compareAndSwap(Samples.binaryState(2), ia));
            Throwable delete = catchStoreException(() -> cas.deleteIfUnchanged(ia.interactionId(),
                    Samples.binaryState(2)));
            for (Throwable t : List.of(swap, delete)) {
                assertThat(t).isInstanceOf(org.oidcstore.store.ConflictException.class);
                assertThat(chain(t)).noneMatch(m -> m.contains(ia.interactionId()));
            }
        }
    }

    private static Throwable catchStoreException(Runnable r) {
        try {
            r.run();
        } catch (StoreException e) {
            return e;
        }
        throw new AssertionError("expected a StoreException");
    }

    /** Every message and toString of the exception chain, suppressed ones included. */
    private static List<String> chain(Throwable t) {
        List<String> out = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.add(String.valueOf(c));
            for (Throwable s : c.getSuppressed()) {
                out.addAll(chain(s));
            }
        }
        return out;
    }
}
