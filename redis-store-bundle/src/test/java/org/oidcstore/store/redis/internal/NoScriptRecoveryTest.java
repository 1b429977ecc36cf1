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
            java.time.Instant now = f.clock().now();
            String deviceCode = Samples.secret("dc");
            store.deviceAuthorizations().save(org.oidcstore.store.DeviceAuthorization.pending(deviceCode, "FLSH-CODE",
                    "c", java.util.Set.of(), java.util.Map.of(), now, now.plusSeconds(600), java.time.Duration.ofSeconds(5)));

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

            var devices = store.deviceAuthorizations();
            assertThat(devices.poll(deviceCode)).isPresent();
            assertThat(devices.strike("flsh code")).hasValue(1);
            assertThat(devices.approveByUserCode("FLSH-CODE", org.oidcstore.store.Approval.of("alice", now))).isPresent();
            assertThat(devices.consume(deviceCode)).isPresent();
            assertThat(devices.revoke(deviceCode)).isFalse();
            assertThat(devices.recordPollViolation(deviceCode)).hasValue(1);
            String other = Samples.secret("dc");
            devices.save(org.oidcstore.store.DeviceAuthorization.pending(other, "FLSH-2ND", "c", java.util.Set.of(),
                    java.util.Map.of(), now, now.plusSeconds(600), java.time.Duration.ofSeconds(5)));
            assertThat(devices.deny(other)).isPresent();
            assertThat(f.admin().scriptCachedFor("approval-poll", RedisDeviceAuthorizationStore.key(keys,
                    f.digest().digest(StoreKind.DEVICE_AUTHORIZATIONS, deviceCode)))).isTrue();

            store.sessions().save(session);
            assertThat(store.sessions().listByChooserGroup("flush-group", null, 1000).items()).containsExactly(session);
            assertThat(store.sessions().touch(session.sessionId(), f.clock().now().plusSeconds(3600))).isTrue();
            assertThat(store.sessions().delete(session.sessionId())).isTrue();
        }
    }
}
