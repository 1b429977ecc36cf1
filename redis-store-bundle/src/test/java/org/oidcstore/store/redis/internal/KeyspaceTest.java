package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Pure checks of the keyspace and of the record codec (no server). */
class KeyspaceTest {
    private final RedisKeys keys = new RedisKeys("oidc:");

    @Test
    void identifiersCannotForgeAnotherKeyOrAHashTag() {
        // without escaping, (group "a}:s:b", sid "c") and (group "a", sid "b}:s:c") would share a key
        String k1 = utf8(SessionKeys.hashKey(keys, SessionKeys.groupHome("a}:s:b"), "c"));
        String k2 = utf8(SessionKeys.hashKey(keys, SessionKeys.groupHome("a"), "b}:s:c"));
        assertThat(k1).isNotEqualTo(k2);
        Set<String> all = new HashSet<>();
        for (String id : List.of("x", "x:", ":x", "{x}", "%7Bx%7D", "x%", "%25", "a:b", "a%3Ab")) {
            assertThat(all.add(utf8(RedisInteractionStore.key(keys, id)))).as("interaction key of '%s' is unique", id).isTrue();
        }
        assertThat(utf8(SessionKeys.hashKey(keys, SessionKeys.groupHome("{evil}"), "s"))).isEqualTo("oidc:ses:{g:%7Bevil%7D}:s:s");
    }

    @Test
    void aSessionAndItsGroupIndexShareOneSlotWhateverTheIds() {
        for (String group : List.of("g", "{x}", "a}b", "ü-ñ", "}")) {
            String home = SessionKeys.groupHome(group);
            assertThat(JedisClusterCRC16.getSlot(SessionKeys.hashKey(keys, home, "sid{1}")))
                    .isEqualTo(JedisClusterCRC16.getSlot(SessionKeys.indexKey(keys, home)));
        }
    }

    @Test
    void recordsRoundTripThroughTheCodecWithNullsAndUnicode() {
        Instant t = Instant.parse("2026-11-28T10:15:30.123456Z");
        Session s = Session.builder().sessionId("sïd").subject("süb").chooserGroup(null).authTime(t).acr(null)
                .amr(List.of()).clientIds(List.of("c1", "ç2")).createdAt(t).updatedAt(t.plusSeconds(1))
                .expiresAt(t.plusSeconds(60)).build();
        assertThat(RedisSessionStore.fromBody(RedisSessionStore.body(s), s.updatedAt(), s.expiresAt())).isEqualTo(s);
        PushedAuthorizationRequest p = new PushedAuthorizationRequest("urn:x", "client", Map.of("a", List.of("1", "2"),
                "b", List.of()), t, t.plusSeconds(90));
        byte[] body = RedisPushedAuthorizationRequestStore.body(p);
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("urn:x");
        assertThat(RedisPushedAuthorizationRequestStore.fromBody(body, "urn:x", p.expiresAt())).isEqualTo(p);
        Instant before1970 = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(RedisInteractionStore.createdAt(RedisInteractionStore.body(before1970))).isEqualTo(before1970);
    }

    @Test
    void anUnknownFormatOrATruncatedBodyIsReportedNotMisread() {
        byte[] body = RedisInteractionStore.body(Instant.EPOCH);
        body[0] = 9;
        // DamagedRecordException becomes OIDCS-1454 naming kind and operation (DamagedValuesTest)
        assertThatThrownBy(() -> RedisInteractionStore.createdAt(body)).isInstanceOf(DamagedRecordException.class)
                .hasMessageContaining("format 9");
        byte[] session = RedisSessionStore.body(Session.builder().sessionId("s").subject("u").createdAt(Instant.EPOCH)
                .expiresAt(Instant.EPOCH.plusSeconds(1)).build());
        byte[] cut = java.util.Arrays.copyOf(session, session.length - 2);
        assertThatThrownBy(() -> RedisSessionStore.fromBody(cut, Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(DamagedRecordException.class).hasMessageContaining("truncated");
    }

    @Test
    void writeTokensHaveTheLengthTheScriptsAssume() {
        assertThat(new String(SessionScripts.PTR_EXTEND.source(), StandardCharsets.UTF_8))
                .contains("string.sub(cur, " + (RedisSessionStore.TOKEN_LENGTH + 1) + ")");
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = SessionKeys.token();
            assertThat(token.getBytes(StandardCharsets.US_ASCII)).hasSize(RedisSessionStore.TOKEN_LENGTH);
            tokens.add(token);
        }
        assertThat(tokens).as("tokens are random").hasSize(1000);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
