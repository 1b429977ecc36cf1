package org.oidcstore.store.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.redis.RedisSettings;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * Test housekeeping with an all-powerful login: every key under a prefix (SCAN on every master),
 * what each holds, deletion, SCRIPT FLUSH, CLUSTER KEYSLOT. Never used by the store itself.
 */
public final class AdminClient implements AutoCloseable {
    private final UnifiedJedis jedis;

    public AdminClient(RedisSettings settings) {
        this.jedis = RedisClients.create(settings);
    }

    public UnifiedJedis jedis() {
        return jedis;
    }

    /** One pool per master (or per known node on a cluster). */
    public Map<String, Pool<Connection>> masters() {
        Map<String, Pool<Connection>> m = new LinkedHashMap<>();
        if (jedis instanceof RedisClusterClient c) {
            c.getClusterNodes().forEach(m::put);
        } else if (jedis instanceof RedisSentinelClient c) {
            c.getPrimaryNodesConnectionMap().forEach((k, v) -> m.put(String.valueOf(k), v));
        } else {
            m.put("standalone", ((RedisClient) jedis).getPool());
        }
        return m;
    }

    /** Every key whose name starts with {@code prefix}, from every master. */
    public List<byte[]> keys(String prefix) {
        List<byte[]> out = new ArrayList<>();
        for (Pool<Connection> pool : masters().values()) {
            try (Connection c = pool.getResource()) {
                String cursor = "0";
                do {
                    List<?> reply = (List<?>) c.executeCommand(new CommandArguments(Protocol.Command.SCAN).add(cursor)
                            .add("MATCH").add(prefix + "*").add("COUNT").add("1000"));
                    cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
                    for (Object k : (List<?>) reply.get(1)) {
                        out.add((byte[]) k);
                    }
                } while (!"0".equals(cursor));
            }
        }
        return out;
    }

    /** Every key and every stored string, field, value and member under {@code prefix}, as UTF-8. */
    public List<String> dump(String prefix) {
        List<String> out = new ArrayList<>();
        for (byte[] key : keys(prefix)) {
            out.add(utf8(key));
            switch (jedis.type(key)) {
                case "string" -> {
                    byte[] v = jedis.get(key);
                    if (v != null) {
                        out.add(utf8(v));
                    }
                }
                case "hash" -> jedis.hgetAll(key).forEach((f, v) -> {
                    out.add(utf8(f));
                    out.add(utf8(v));
                });
                case "zset" -> jedis.zrange(key, 0, -1).forEach(m -> out.add(utf8(m)));
                case "none" -> { } // expired meanwhile
                default -> throw new AssertionError("unexpected Redis type under the store's prefix: " + utf8(key));
            }
        }
        return out;
    }

    public void deleteAll(String prefix) {
        for (byte[] k : keys(prefix)) {
            jedis.del(k);
        }
    }

    public void scriptFlushEverywhere() {
        for (Pool<Connection> pool : masters().values()) {
            try (Connection c = pool.getResource()) {
                c.executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add("FLUSH"));
            }
        }
    }

    /** Whether the script is cached on every master. */
    public boolean scriptCachedEverywhere(String scriptName) {
        LuaScript s = RedisKinds.SCRIPTS.stream().filter(x -> x.name().equals(scriptName)).findFirst().orElseThrow();
        for (Pool<Connection> pool : masters().values()) {
            try (Connection c = pool.getResource()) {
                List<?> r = (List<?>) c.executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add("EXISTS")
                        .add(s.sha1()));
                if (((Long) r.get(0)) == 0L) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the script is cached on the master that owns {@code key}. */
    public boolean scriptCachedFor(String scriptName, byte[] key) {
        LuaScript s = RedisKinds.SCRIPTS.stream().filter(x -> x.name().equals(scriptName)).findFirst().orElseThrow();
        return jedis.scriptExists(s.sha1(), key);
    }

    /** {@code CLUSTER KEYSLOT} as the server computes it. */
    public long keySlot(byte[] key) {
        try (Connection c = masters().values().iterator().next().getResource()) {
            return (Long) c.executeCommand(new CommandArguments(Protocol.Command.CLUSTER).add("KEYSLOT").add(key));
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        jedis.close();
    }
}
