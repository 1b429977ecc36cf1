package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arjuna.ats.jta.cdi.TransactionExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.ServerSocket;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.UserRegistry;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.Durable;

/**
 * The {@code @Durable} beans in Weld SE with SmallRye Config, and Narayana's {@code @Transactional}
 * interceptor driving the store's JTA transactions: a method that writes a grant, a code and a
 * refresh token commits all three or, when it throws, none.
 */
class CdiTest {

    /** What a token endpoint does in one {@code @Transactional} method. */
    @ApplicationScoped
    public static class Issuer {
        @Inject
        @Durable
        GrantStore grants;
        @Inject
        @Durable
        AuthorizationCodeStore codes;
        @Inject
        @Durable
        RefreshTokenStore tokens;

        @Transactional
        public void issue(Grant grant, AuthorizationCode code, RefreshToken token, boolean fail) {
            grants.save(grant);
            codes.save(code);
            tokens.save(token, null);
            if (fail) {
                throw new IllegalStateException("failure after the writes");
            }
        }
    }

    /** The application's clock, which the producer must pick up instead of UTC. */
    public static class ClockProducer {
        static final MutableClock CLOCK = MutableClock.startingNow();

        @jakarta.enterprise.inject.Produces
        @jakarta.inject.Singleton
        java.time.Clock clock() {
            return CLOCK;
        }
    }

    /** Records the purge events the tier fires. */
    @ApplicationScoped
    public static class PurgeObserver {
        final java.util.List<ExpiredRecordsPurged> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        void on(@jakarta.enterprise.event.Observes ExpiredRecordsPurged e) {
            seen.add(e);
        }

        /** Through a method: a field read on the client proxy would not reach the bean. */
        public java.util.List<ExpiredRecordsPurged> seen() {
            return seen;
        }
    }

    private static SeContainer boot(Map<String, String> properties, Runnable withConfig) {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, cl);
        // with discovery disabled Weld SE does not pick up Narayana's service-loaded extension
        try (SeContainer c = SeContainerInitializer.newInstance().disableDiscovery()
                .addExtensions(new TransactionExtension())
                .addExtensions(org.oidcstore.store.tck.CdiExtensions.ofTheStoreApi())
                .addBeanClasses(JpaStoreProducer.class, Issuer.class, ClockProducer.class, PurgeObserver.class)
                .initialize()) {
            CURRENT.set(c);
            withConfig.run();
            return c;
        } finally {
            CURRENT.remove();
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    private static final ThreadLocal<SeContainer> CURRENT = new ThreadLocal<>();

    private static <T> T durable(Class<T> type) {
        return CURRENT.get().select(type, Durable.Literal.INSTANCE).get();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Without migrations to run, the store stays lazy: nothing connects until a bean is used. */
    @Test
    void injectionNeverConnectsAndTheFirstUseReportsAnUnreachableDatabase() throws Exception {
        boot(Map.of("oidc.store.jpa.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/none?connectTimeout=2",
                "oidc.store.gc.interval", "0"), () -> {
                    RefreshTokenStore tokens = durable(RefreshTokenStore.class);
                    assertThat(tokens).isNotNull();
                    assertThatThrownBy(() -> tokens.find("anything")).isInstanceOf(StoreUnavailableException.class);
                });
    }

    /** With {@code oidc.store.jpa.migrate=true} the schema is migrated while the application starts. */
    @Test
    void withMigrateTheSchemaIsMigratedAtStartBeforeAnyBeanIsUsed() {
        String url = "jdbc:h2:mem:oidc-cdi-start;DB_CLOSE_DELAY=-1";
        boot(Map.of("oidc.store.jpa.url", url, "oidc.store.jpa.user", "sa", "oidc.store.jpa.migrate", "true",
                "oidc.store.gc.interval", "0"), () -> {
                    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                            java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT MAX(\"version\")"
                                    + " FROM \"oidc_store_schema_history\" WHERE \"success\"")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as("schema version after start").isEqualTo("6");
                    } catch (java.sql.SQLException e) {
                        throw new AssertionError("the schema was not migrated at start", e);
                    }
                });
    }

    /** A migration that cannot run (here: no database) fails the deployment, not a user's first request. */
    @Test
    void aMigrationThatFailsAtStartFailsTheDeployment() throws Exception {
        Map<String, String> config = Map.of("oidc.store.jpa.url", "jdbc:postgresql://127.0.0.1:" + closedPort()
                + "/none?connectTimeout=2", "oidc.store.jpa.migrate", "true", "oidc.store.gc.interval", "0");
        assertThatThrownBy(() -> boot(config, () -> {
        })).satisfies(e -> assertThat(causes(e)).anyMatch(StoreUnavailableException.class::isInstance));
    }

    private static java.util.List<Throwable> causes(Throwable t) {
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    @Test
    void durableBeansWorkAndTransactionalMethodsCommitOrRollBackTheClusterAtomically() {
        boot(Map.of("oidc.store.jpa.url", "jdbc:h2:mem:oidc-cdi;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000",
                "oidc.store.jpa.user", "sa", "oidc.store.jpa.migrate", "true", "oidc.store.gc.interval", "0",
                "oidc.store.secret-pepper", TestStores.PEPPER), () -> {
                    Samples samples = new Samples(MutableClock.startingNow());
                    RefreshTokenStore tokens = durable(RefreshTokenStore.class);
                    RefreshToken alone = samples.refreshToken();
                    tokens.save(alone, null);
                    assertThat(tokens.find(alone.token())).contains(alone);

                    OidcStore store = durable(OidcStore.class);
                    assertThat(store.backend()).isEqualTo("jpa");
                    assertThat(store.transactional()).isTrue();
                    for (Class<?> type : new Class<?>[] {ClientStore.class, ClientRegistry.class,
                        StaticClientReconciler.class, UserStore.class, UserRegistry.class}) {
                        assertThat(CURRENT.get().select(type, Durable.Literal.INSTANCE).isResolvable()).as("%s", type)
                                .isTrue();
                    }

                    Issuer issuer = CURRENT.get().select(Issuer.class).get();
                    Grant g1 = samples.grant("sub-cdi", "client-a");
                    AuthorizationCode c1 = samples.code(g1.grantId());
                    RefreshToken t1 = samples.refreshToken(g1.grantId());
                    assertThatThrownBy(() -> issuer.issue(g1, c1, t1, true)).isInstanceOf(IllegalStateException.class);
                    assertThat(store.grants().find(g1.grantId())).isEmpty();
                    assertThat(store.authorizationCodes().find(c1.code())).isEmpty();
                    assertThat(store.refreshTokens().find(t1.token())).isEmpty();

                    issuer.issue(g1, c1, t1, false);
                    assertThat(store.grants().find(g1.grantId())).contains(g1.withVersion(1));
                    assertThat(store.authorizationCodes().find(c1.code())).contains(c1);
                    assertThat(store.refreshTokens().find(t1.token())).contains(t1);
                });
    }

    @Test
    void anOnDemandSweepThroughTheGcBeanFiresThePurgeEventWithItsCounts() {
        boot(Map.of("oidc.store.jpa.url", "jdbc:h2:mem:oidc-cdi-gc;DB_CLOSE_DELAY=-1", "oidc.store.jpa.user", "sa",
                "oidc.store.jpa.migrate", "true", "oidc.store.gc.interval", "0"), () -> {
                    Samples samples = new Samples(ClockProducer.CLOCK);
                    AuthorizationCode code = samples.code();
                    durable(AuthorizationCodeStore.class).save(code);
                    ClockProducer.CLOCK.set(code.expiresAt());
                    JpaGcReport report = durable(JpaGc.class).collect();
                    assertThat(report.deleted().get(org.oidcstore.store.StoreKind.AUTHORIZATION_CODES)).isEqualTo(1);
                    PurgeObserver observer = CURRENT.get().select(PurgeObserver.class).get();
                    assertThat(observer.seen()).hasSize(1);
                    assertThat(observer.seen().get(0).backend()).isEqualTo("jpa");
                    assertThat(observer.seen().get(0).deleted()).isEqualTo(report.deleted());
                    assertThat(durable(JpaGc.class).collect().total()).as("nothing left").isZero();
                    assertThat(observer.seen()).as("an empty sweep fires nothing").hasSize(1);
                });
    }
}
