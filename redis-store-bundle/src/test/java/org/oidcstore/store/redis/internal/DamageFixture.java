package org.oidcstore.store.redis.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.oidcstore.store.Approval;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Samples;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The records of one {@link DamagedValuesTest} case on a fresh prefix, saved before the damage,
 * with the keys they live under; the admin client writes the damage and takes the snapshots that
 * show whether an operation changed anything.
 */
final class DamageFixture {
    /** The damaged value: never to appear in a message. */
    static final String DAMAGED = "DAMAGED-VALUE-9f3c";

    final RedisFixture f = new RedisFixture(Topology.PLAIN);
    final Samples samples = new Samples(f.clock());
    final RedisKeys keys = new RedisKeys(f.prefix());
    final UnifiedJedis admin = f.admin().jedis();
    final String jti = Samples.secret("jti");
    final PushedAuthorizationRequest par = samples.par("client-a");
    final Interaction ia = samples.interaction(Samples.binaryState(3));
    final Session session = samples.session("group-a");
    final DeviceAuthorization device = DeviceAuthorization.pending(Samples.secret("dc"), "BCDF-GHJK", "client-a",
            Set.of("openid"), Map.of(), samples.now(), samples.now().plusSeconds(600), Duration.ofSeconds(5));
    final CibaRequest ciba = CibaRequest.pending(Samples.secret("arid"), "client-a", "alice", Set.of("openid"),
            List.of(), "bind", CibaMode.PING, Samples.secret("cnt"), samples.now(), samples.now().plusSeconds(600),
            Duration.ofSeconds(5));

    DamageFixture() {
        OidcStore s = f.store();
        s.consumedJwtIds().mark(jti, f.clock().now().plusSeconds(60));
        s.pushedAuthorizationRequests().save(par);
        s.interactions().save(ia);
        s.sessions().save(session);
        s.deviceAuthorizations().save(device);
        s.cibaRequests().save(ciba);
    }

    byte[] deviceKey() {
        return RedisDeviceAuthorizationStore.key(keys, f.digest().digest(StoreKind.DEVICE_AUTHORIZATIONS,
                device.deviceCode()));
    }

    byte[] userCodeKey() {
        return DeviceUserCodes.key(keys, f.digest().digest(StoreKind.DEVICE_AUTHORIZATIONS,
                DeviceAuthorization.userCodeDigestInput(device.userCode())));
    }

    byte[] cibaKey() {
        return RedisCibaRequestStore.key(keys, f.digest().digest(StoreKind.CIBA_REQUESTS, ciba.authReqId()));
    }

    Approval approval(String subject) {
        return Approval.of(subject, samples.now());
    }

    byte[] jtiKey() {
        return RedisConsumedJwtIdStore.key(keys, f.digest().digest(StoreKind.CONSUMED_JWT_IDS, jti));
    }

    byte[] parKey() {
        return RedisPushedAuthorizationRequestStore.key(keys, f.digest().digest(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, par.requestUri()));
    }

    byte[] iaKey() {
        return RedisInteractionStore.key(keys, ia.interactionId());
    }

    byte[] pointerKey() {
        return SessionKeys.pointerKey(keys, session.sessionId());
    }

    byte[] sessionKey() {
        return SessionKeys.hashKey(keys, SessionKeys.home(session.chooserGroup(), session.sessionId()), session.sessionId());
    }

    byte[] indexKey() {
        return SessionKeys.indexKey(keys, SessionKeys.groupHome(session.chooserGroup()));
    }

    void field(byte[] key, String field, byte[] value) {
        admin.hset(key, bytes(field), value);
    }

    byte[] field(byte[] key, String field) {
        return admin.hget(key, bytes(field));
    }

    void retype(byte[] key, boolean asHash) {
        admin.del(key);
        if (asHash) {
            admin.hset(key, bytes("x"), bytes(DAMAGED));
        } else {
            admin.set(key, bytes(DAMAGED));
        }
    }

    /** Removes every TTL under the prefix, so that an operation that sets one shows in the snapshot. */
    void persistAll() {
        for (byte[] key : f.admin().keys(f.prefix())) {
            admin.persist(key);
        }
    }

    /** Every key under the prefix: its type, its content (hex) and its TTL. */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        HexFormat hex = HexFormat.of();
        for (byte[] key : f.admin().keys(f.prefix())) {
            String type = admin.type(key);
            String content = switch (type) {
                case "string" -> hex.formatHex(admin.get(key));
                case "hash" -> {
                    Map<String, String> fields = new TreeMap<>();
                    admin.hgetAll(key).forEach((k, v) -> fields.put(hex.formatHex(k), hex.formatHex(v)));
                    yield fields.toString();
                }
                case "zset" -> {
                    Map<String, Double> members = new LinkedHashMap<>();
                    for (Tuple m : admin.zrangeWithScores(key, 0, -1)) {
                        members.put(hex.formatHex(m.getBinaryElement()), m.getScore());
                    }
                    yield members.toString();
                }
                default -> type;
            };
            out.put(new String(key, StandardCharsets.UTF_8), type + " " + content + " ttl=" + admin.pttl(key));
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
