package org.oidcstore.store.redis.internal;

import java.util.List;

/**
 * Every Lua script of the tier. Each runs atomically on the node owning its keys; all keys of one
 * script share a hash slot (see {@link RedisKeys}). Time is never read inside a script: the
 * caller's clock instant ({@code now}, epoch microseconds) is an argument, so expiry is judged by
 * the store's injected clock, and {@code x} (the stored expiry) is compared with it. Scripts run
 * with the caller's ACL: the store's Redis user needs every command named here.
 */
final class Scripts {
    private Scripts() {
    }

    /** KEYS[1]; ARGV: ttl, field, value, ... Replaces the whole hash. */
    static final LuaScript HASH_PUT = LuaScript.of("hash-put", """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /** KEYS[1]; ARGV: now. Deletes; 1 iff the record was live. */
    static final LuaScript LIVE_DELETE = LuaScript.of("live-delete", """
            local x = redis.call('HGET', KEYS[1], 'x')
            if not x then return 0 end
            redis.call('DEL', KEYS[1])
            if tonumber(x) > tonumber(ARGV[1]) then return 1 end
            return 0
            """);

    /** KEYS[1]; ARGV: now, expected state, ttl, field, value, ... 1 = swapped, 0 = conflict. */
    static final LuaScript INTERACTION_CAS = LuaScript.of("interaction-cas", """
            local v = redis.call('HMGET', KEYS[1], 'x', 's')
            if not v[1] or tonumber(v[1]) <= tonumber(ARGV[1]) or v[2] ~= ARGV[2] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    /** KEYS[1]; ARGV: now, expected state. 1 = deleted, 0 = conflict. */
    static final LuaScript INTERACTION_DELETE_IF = LuaScript.of("interaction-delete-if", """
            local v = redis.call('HMGET', KEYS[1], 'x', 's')
            if not v[1] or tonumber(v[1]) <= tonumber(ARGV[1]) or v[2] ~= ARGV[2] then return 0 end
            redis.call('DEL', KEYS[1])
            return 1
            """);

    /** KEYS[1]; ARGV: now, new expiry, ttl. Replaces a marker whose expiry is not after now. */
    static final LuaScript JTI_REPLACE_EXPIRED = LuaScript.of("jti-replace-expired", """
            local v = redis.call('GET', KEYS[1])
            if v and tonumber(v) > tonumber(ARGV[1]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);

    /**
     * KEYS[1]; ARGV: now, grace, ttl, field, value, ... 0 = the URI exists (consumed or not) and is
     * not past expiresAt + grace; 1 = saved.
     */
    static final LuaScript PAR_SAVE = LuaScript.of("par-save", """
            local x = redis.call('HGET', KEYS[1], 'x')
            if x and tonumber(x) + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    /**
     * KEYS[1]; ARGV: now, grace. {0} = unknown or past expiresAt + grace; {1} = already consumed;
     * {2, body, expiry} = consumed now: the body is replaced by the marker c=1, the TTL is kept.
     */
    static final LuaScript PAR_CONSUME = LuaScript.of("par-consume", """
            local v = redis.call('HMGET', KEYS[1], 'x', 'c', 'd')
            if not v[1] or tonumber(v[1]) + tonumber(ARGV[2]) <= tonumber(ARGV[1]) then return {0} end
            if v[2] or not v[3] then return {1} end
            redis.call('HDEL', KEYS[1], 'd')
            redis.call('HSET', KEYS[1], 'c', '1')
            return {2, v[3], v[1]}
            """);

    /** KEYS: hash, index; ARGV: ttl, indexed (1/0), sid, score, field, value, ... */
    static final LuaScript SESSION_WRITE = LuaScript.of("session-write", """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 5))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            if ARGV[2] == '1' then
              redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
              if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
            end
            return 1
            """);

    /**
     * KEYS: hash, index; ARGV: token, sid, now. 0 = token differs (kept); 1 = dropped, was expired;
     * 2 = dropped, was live; 3 = absent (its TTL ran out).
     */
    static final LuaScript SESSION_DROP = LuaScript.of("session-drop", """
            local v = redis.call('HMGET', KEYS[1], 't', 'x')
            if not v[1] then
              redis.call('ZREM', KEYS[2], ARGV[2])
              return 3
            end
            if v[1] ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            if tonumber(v[2]) > tonumber(ARGV[3]) then return 2 end
            return 1
            """);

    /** KEYS: hash, index; ARGV: now, new expiry, updatedAt, ttl. 1 = touched; 0 = absent or expired. */
    static final LuaScript SESSION_TOUCH = LuaScript.of("session-touch", """
            local x = redis.call('HGET', KEYS[1], 'x')
            if not x or tonumber(x) <= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'x', ARGV[2], 'u', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            if redis.call('EXISTS', KEYS[2]) == 1 and redis.call('PTTL', KEYS[2]) < tonumber(ARGV[4]) then
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            return 1
            """);

    /**
     * KEYS: hash 1..n, index; ARGV: now, sid 1..n. Returns body, updatedAt, expiry of each live
     * hash; removes index members whose hash is gone (its TTL ran out).
     */
    static final LuaScript SESSION_LIST = LuaScript.of("session-list", """
            local out = {}
            local idx = KEYS[#KEYS]
            for i = 1, #KEYS - 1 do
              local v = redis.call('HMGET', KEYS[i], 'd', 'u', 'x')
              if not v[1] then
                redis.call('ZREM', idx, ARGV[i + 1])
              elseif tonumber(v[3]) > tonumber(ARGV[1]) then
                out[#out + 1] = v[1]
                out[#out + 1] = v[2]
                out[#out + 1] = v[3]
              end
            end
            return out
            """);

    /**
     * KEYS: pointer; ARGV: expected ('' = absent), new, ttl. 1 = published. The TTL is never
     * shortened: a touch of the same home between the save's write and this publish lengthened
     * the hash and the pointer, and a pointer that outlives its hash is harmless (reads check the
     * hash) while one that dies first hides a live session.
     */
    static final LuaScript PTR_CAS = LuaScript.of("ptr-cas", """
            local cur = redis.call('GET', KEYS[1])
            if (cur or '') ~= ARGV[1] then return 0 end
            local ttl = tonumber(ARGV[3])
            if cur then
              local left = redis.call('PTTL', KEYS[1])
              if left > ttl then ttl = left end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
            return 1
            """);

    /** KEYS: pointer; ARGV: expected. 1 = deleted. */
    static final LuaScript PTR_DELETE_IF = LuaScript.of("ptr-delete-if", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              return 1
            end
            return 0
            """);

    /** KEYS: pointer; ARGV: home, ttl. Lengthens the pointer's TTL while it still names home. */
    static final LuaScript PTR_EXTEND = LuaScript.of("ptr-extend", """
            local cur = redis.call('GET', KEYS[1])
            if not cur or string.sub(cur, 23) ~= ARGV[1] then return 0 end
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 1
            """);

    static final List<LuaScript> ALL = List.of(HASH_PUT, LIVE_DELETE, INTERACTION_CAS, INTERACTION_DELETE_IF,
            JTI_REPLACE_EXPIRED, PAR_SAVE, PAR_CONSUME, SESSION_WRITE, SESSION_DROP, SESSION_TOUCH, SESSION_LIST,
            PTR_CAS, PTR_DELETE_IF, PTR_EXTEND);
}
