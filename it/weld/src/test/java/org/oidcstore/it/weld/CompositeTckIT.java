package org.oidcstore.it.weld;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.oidcstore.it.weld.support.Archives;
import org.oidcstore.it.weld.support.DeployedBeans;
import org.oidcstore.it.weld.support.Services;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer;
import org.oidcstore.store.redis.internal.RedisStoreProducer;
import org.oidcstore.store.tck.AllKindsSuite;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tier.StoreTier;

/**
 * The whole TCK ({@link AllKindsSuite}: every contract, the transactional cluster, the races)
 * through the {@code @Default} beans of a Weld embedded deployment: the real composite over the JPA
 * tier on MariaDB (Narayana + Agroal, Java SE mode) and the Redis tier over TLS + ACL, configured
 * only by the deployment's {@code microprofile-config.properties}.
 *
 * <p>The contracts are {@code @Nested} classes, which Arquillian 1.10 runs without enriching them;
 * they run while this class's deployment is up and reach its beans through {@link DeployedBeans}
 * (the same {@code @Default} beans the {@code @Inject} fields below receive, which
 * {@link #theDeploymentInjectsTheComposite()} checks).
 */
@ExtendWith(ArquillianExtension.class)
class CompositeTckIT extends AllKindsSuite {

    @Inject
    OidcStore store;

    @Inject
    CompositeStore composite;

    @Deployment
    static JavaArchive deployment() {
        Services.ensureDatabase();
        Services.ensureRedisTls();
        return Archives.deployment("composite-tck.jar", Services.tckConfig(), JpaStoreProducer.class,
                RedisStoreProducer.class, TestClock.class, TckBeans.class);
    }

    @Override
    protected StoreFixture newFixture() {
        return new WeldFixture(DeployedBeans.get(TckBeans.class));
    }

    @Test
    void theDeploymentInjectsTheComposite() {
        assertThat(store).as("@Inject OidcStore").isNotNull();
        assertThat(store.backend()).isEqualTo("composite");
        assertThat(store.kinds()).containsExactlyInAnyOrder(StoreKind.values());
        assertThat(store.transactional()).isTrue();
        assertThat(composite.sessionDurability()).isEqualTo(SessionDurability.DURABLE);
        assertThat(composite.routingTable().get(StoreKind.REFRESH_TOKENS).backend()).isEqualTo("jpa");
        assertThat(composite.routingTable().get(StoreKind.CONSUMED_JWT_IDS).backend()).isEqualTo("redis");
        assertThat(composite.routingTable().get(StoreKind.CONSUMED_JWT_IDS).tier()).isEqualTo(StoreTier.VOLATILE);
        for (StoreKind k : StoreKind.values()) {
            assertThat(composite.routingTable().get(k).tier()).as(k.name()).isEqualTo(k.defaultTier());
            assertThat(composite.routingTable().get(k).backend()).as(k.name())
                    .isEqualTo(k.defaultTier() == StoreTier.DURABLE ? "jpa" : "redis");
        }
        TckBeans beans = DeployedBeans.get(TckBeans.class);
        assertThat(beans.composite().routingTable()).isEqualTo(composite.routingTable());
        assertThat(beans.clock()).as("the deployment's @Default Clock").isSameAs(TestClock.CLOCK);
    }
}
