package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.Set;
import org.oidcstore.store.Approval;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;

/**
 * Whatever a damaged body holds, decoding it gives back a record or raises
 * {@link DamagedRecordException} (which the tier reports as {@code OIDCS-1454}), never another
 * exception: bodies of every kind are truncated, extended, overwritten byte by byte and given
 * lengths no long can hold. {@code DamagedValuesTest} shows the same on a real redis-server.
 */
class RecordBodyDamageTest {
    private static final Instant T = Instant.parse("2026-12-06T12:00:00.123456Z");
    /**
     * Format 1, then a 10-byte varint that reads as -1 in a Java long: as the length of the first
     * string of a body (a session's id, a pushed request's client) no body can hold it.
     */
    static final byte[] OVERFLOWING_LENGTH = {1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1};

    private static Session session() {
        return Session.builder().sessionId("sid-1").subject("alice").chooserGroup("browser-1").authTime(T)
                .acr("urn:acr:silver").amr(List.of("pwd", "otp")).clientIds(List.of("c1", "c2")).createdAt(T)
                .updatedAt(T.plusSeconds(1)).expiresAt(T.plusSeconds(3600)).build();
    }

    private static PushedAuthorizationRequest par() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("response_type", List.of("code"));
        p.put("scope", List.of("openid", "email"));
        p.put("empty", List.of());
        return new PushedAuthorizationRequest("urn:req:1", "client-1", p, T, T.plusSeconds(90));
    }

    private static final SecretDigest DIGEST = SecretDigest.unpeppered();
    private static final Approval APPROVAL = new Approval("alice", "urn:acr:gold", List.of("pwd", "hwk"), T);

    private static DeviceAuthorization device() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("resource", List.of("https://api.example"));
        p.put("empty", List.of());
        return DeviceAuthorization.pending("dc-1", "WDJB-MJHT", "client-1", Set.of("openid", "email"), p, T,
                T.plusSeconds(600), Duration.ofSeconds(5));
    }

    private static CibaRequest ciba() {
        return CibaRequest.pending("arid-1", "client-1", "alice", Set.of("openid"), List.of("urn:acr:gold"), "bind",
                CibaMode.PING, "token-1", T, T.plusSeconds(600), Duration.ofSeconds(5));
    }

    /** The ten fields of an approved request's hash ({@link ApprovalScripts#FIELDS}), the body as given. */
    private static List<byte[]> fields(byte[] approval, byte[] body, boolean device) {
        return Arrays.asList(Micros.bytes(T.plusSeconds(600)), Values.ascii("A"), Values.ascii("5"), null, approval,
                body, device ? Values.ascii("ud") : null, device ? Values.ascii("0") : null,
                device ? Values.ascii("0") : null, device ? null : Values.utf8("alice"));
    }

    private static final Map<String, Function<byte[], Object>> DECODERS = Map.of(
            "session", b -> RedisSessionStore.fromBody(b, T.plusSeconds(1), T.plusSeconds(3600)),
            "pushed request", b -> RedisPushedAuthorizationRequestStore.fromBody(b, "urn:req:1", T.plusSeconds(90)),
            "interaction", RedisInteractionStore::createdAt,
            "device authorization", b -> ApprovalRecords.device(fields(ApprovalRecords.approval(APPROVAL), b, true)),
            "approval", b -> ApprovalRecords.device(fields(b, RedisDeviceAuthorizationStore.body(device()), true)),
            "backchannel request", b -> ApprovalRecords.ciba(fields(ApprovalRecords.approval(APPROVAL), b, false),
                    DIGEST));

    private static Map<String, byte[]> bodies() {
        return Map.of("session", RedisSessionStore.body(session()), "pushed request",
                RedisPushedAuthorizationRequestStore.body(par()), "interaction", RedisInteractionStore.body(T),
                "device authorization", RedisDeviceAuthorizationStore.body(device()),
                "approval", ApprovalRecords.approval(APPROVAL),
                "backchannel request", RedisCibaRequestStore.body(ciba(),
                        DIGEST.seal(StoreKind.CIBA_REQUESTS, ciba().clientNotificationToken())));
    }

    @Test
    void theNewKindsDecodeBackToTheirRecords() {
        DeviceAuthorization d = ApprovalRecords.device(fields(ApprovalRecords.approval(APPROVAL),
                RedisDeviceAuthorizationStore.body(device()), true));
        assertThat(d.asFoundByDeviceCode("dc-1")).isEqualTo(device().withState(
                org.oidcstore.store.ApprovalState.APPROVED, APPROVAL).asFoundByDeviceCode("dc-1"));
        CibaRequest c = ApprovalRecords.ciba(fields(ApprovalRecords.approval(APPROVAL), bodies().get(
                "backchannel request"), false), DIGEST);
        assertThat(c.withAuthReqId("arid-1")).isEqualTo(ciba().withState(org.oidcstore.store.ApprovalState.APPROVED,
                APPROVAL));
    }

    @Test
    void aStringLengthNoBodyHoldsIsDamage() {
        for (String kind : List.of("session", "pushed request", "device authorization", "approval",
                "backchannel request")) {
            assertThat(catchThrowable(() -> DECODERS.get(kind).apply(OVERFLOWING_LENGTH.clone())))
                    .as(kind).isInstanceOf(DamagedRecordException.class);
        }
    }

    @Test
    void everyDamagedBodyDecodesOrRaisesDamagedRecordException() {
        Random random = new Random(20261206L);
        List<String> untyped = new ArrayList<>();
        int damaged = 0;
        for (Map.Entry<String, byte[]> e : bodies().entrySet()) {
            Function<byte[], Object> decode = DECODERS.get(e.getKey());
            byte[] good = e.getValue();
            assertThat(decode.apply(good.clone())).as("the undamaged %s decodes", e.getKey()).isNotNull();
            List<byte[]> variants = new ArrayList<>();
            for (int n = 0; n < good.length; n++) {
                variants.add(Arrays.copyOf(good, n)); // every truncation
                for (int v : new int[] {0x00, 0x7F, 0x80, 0xFF}) { // every position overwritten
                    byte[] b = good.clone();
                    b[n] = (byte) v;
                    variants.add(b);
                }
            }
            for (int i = 0; i < 20_000; i++) { // random bytes spliced in, random tails
                byte[] b = Arrays.copyOf(good, good.length + random.nextInt(12));
                for (int k = 0, hits = 1 + random.nextInt(4); k < hits; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                variants.add(b);
            }
            for (byte[] b : variants) {
                Throwable t = catchThrowable(() -> decode.apply(b));
                if (t instanceof DamagedRecordException) {
                    damaged++;
                } else if (t != null) {
                    untyped.add(e.getKey() + ": " + t);
                }
            }
        }
        assertThat(untyped).as("decoding failures that are not DamagedRecordException").isEmpty();
        assertThat(damaged).as("the damage was noticed, not decoded into other records").isGreaterThan(20_000);
    }
}
