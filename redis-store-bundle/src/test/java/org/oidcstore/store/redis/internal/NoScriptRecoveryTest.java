package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Samples;

/**
 * {@code SCRIPT FLUSH} (what a restart, a failover or a new cluster node look like to the client)
 * under a running store: every scripted operation answers NOSCRIPT once, reloads its script on the
 * node that owns its keys, and succeeds.
 */
class NoScriptRecoveryTest {

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "TLS_ACL", "CLUSTER"})
    void everyScriptedOperationReloadsItsScriptAfterAFlush(Topology topology) {
        try (RedisFixture f = new RedisFixture(topology)) {
            Samples samples = new Samples(f.clock());
            var store = f.store();
            RedisKeys keys = new RedisKeys(f.prefix());
            Interaction ia = samples.interaction(Samples.binaryState(1));
            store.interactions().save(ia);
            var par = samples.par("c");
            store.pushedAuthorizationRequests().save(par);
            String jti = Samples.secret("jti");
            store.consumedJwtIds().mark(jti, f.clock().now().plusSeconds(1));
            var session = samples.session("flush-group");

            f.admin().scriptFlushEverywhere();
            assertThat(f.admin().scriptCachedEverywhere("interaction-cas")).isFalse();

            Interaction next = new Interaction(ia.interactionId(), Samples.binaryState(2), ia.createdAt(), ia.expiresAt());
            store.interactionCompareAndSwap().orElseThrow().compareAndSwap(Samples.binaryState(1), next);
            assertThat(store.interactions().find(ia.interactionId())).contains(next);
            assertThat(f.admin().scriptCachedFor("interaction-cas", RedisInteractionStore.key(keys, ia.interactionId())))
                    .as("reloaded on the node owning the key").isTrue();

            assertThat(store.pushedAuthorizationRequests().consume(par.requestUri())).contains(par);
            assertThatThrownBy(() -> store.pushedAuthorizationRequests().consume(par.requestUri()))
                    .isInstanceOf(AlreadyConsumedException.class);

            f.clock().advance(java.time.Duration.ofSeconds(1));
            store.consumedJwtIds().mark(jti, f.clock().now().plusSeconds(60)); // replace-expired script
            assertThat(store.consumedJwtIds().isMarked(jti)).isTrue();
            assertThat(f.admin().scriptCachedFor("jti-replace-expired",
                    RedisConsumedJwtIdStore.key(keys, f.digest().digest(StoreKind.CONSUMED_JWT_IDS, jti)))).isTrue();

            store.sessions().save(session);
            assertThat(store.sessions().listByChooserGroup("flush-group", null, 1000).items()).containsExactly(session);
            assertThat(store.sessions().touch(session.sessionId(), f.clock().now().plusSeconds(3600))).isTrue();
            assertThat(store.sessions().delete(session.sessionId())).isTrue();
        }
    }
}
