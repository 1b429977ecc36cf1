package org.oidcstore.store.redis.internal;

import java.util.List;

/**
 * Every Lua script of the tier (the session ones in {@link SessionScripts}). Each runs atomically
 * on the node owning its keys; all keys of one script share a hash slot (see {@link RedisKeys}).
 * Time is never read inside a script: the caller's clock instant ({@code now}, epoch microseconds)
 * is an argument, so expiry is judged by the store's injected clock, and {@code x} (the stored
 * expiry) is compared with it. A script that reads a record checks it first ({@link LuaChecks}):
 * a damaged one fails the call before anything changed. Scripts run with the caller's ACL: the
 * store's Redis user needs every command named here.
 */
final class Scripts {
    private Scripts() {
    }

    /** KEYS[1]; ARGV: ttl, field, value, ... Replaces the whole hash, whatever was there. */
    static final LuaScript HASH_PUT = LuaScript.of("hash-put", """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /** KEYS[1] (an interaction); ARGV: now. Deletes; 1 iff the record was live. */
    static final LuaScript LIVE_DELETE = LuaChecks.checked("live-delete", LuaChecks.INTERACTION, """
            local x = interaction(redis.call('HMGET', KEYS[1], 'x', 's', 'd'))
            if not x then return 0 end
            redis.call('DEL', KEYS[1])
            if x > tonumber(ARGV[1]) then return 1 end
            return 0
            """);

    /** KEYS[1]; ARGV: now, expected state, ttl, field, value, ... 1 = swapped, 0 = conflict. */
    static final LuaScript INTERACTION_CAS = LuaChecks.checked("interaction-cas", LuaChecks.INTERACTION, """
            local v = redis.call('HMGET', KEYS[1], 'x', 's', 'd')
            local x = interaction(v)
            if not x or x <= tonumber(ARGV[1]) or v[2] ~= ARGV[2] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    /** KEYS[1]; ARGV: now, expected state. 1 = deleted, 0 = conflict. */
    static final LuaScript INTERACTION_DELETE_IF = LuaChecks.checked("interaction-delete-if", LuaChecks.INTERACTION, """
            local v = redis.call('HMGET', KEYS[1], 'x', 's', 'd')
            local x = interaction(v)
            if not x or x <= tonumber(ARGV[1]) or v[2] ~= ARGV[2] then return 0 end
            redis.call('DEL', KEYS[1])
            return 1
            """);

    /** KEYS[1]; ARGV: now, new expiry, ttl. Replaces a marker whose expiry is not after now. */
    static final LuaScript JTI_REPLACE_EXPIRED = LuaChecks.checked("jti-replace-expired", LuaChecks.CORE, """
            local v = redis.call('GET', KEYS[1])
            if v and num(v) > tonumber(ARGV[1]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);

    /**
     * KEYS[1]; ARGV: now, grace, ttl, field, value, ... 0 = the URI exists (consumed or not) and is
     * not past expiresAt + grace; 1 = saved.
     */
    static final LuaScript PAR_SAVE = LuaChecks.checked("par-save", LuaChecks.PAR, """
            local x = par(redis.call('HMGET', KEYS[1], 'x', 'c', 'd'))
            if x and x + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    /**
     * KEYS[1]; ARGV: now, grace. {0} = unknown or past expiresAt + grace; {1} = already consumed;
     * {2, body, expiry} = consumed now: the body is replaced by the marker c=1, the TTL is kept.
     */
    static final LuaScript PAR_CONSUME = LuaChecks.checked("par-consume", LuaChecks.PAR, """
            local v = redis.call('HMGET', KEYS[1], 'x', 'c', 'd')
            local x, consumed = par(v)
            if not x or x + tonumber(ARGV[2]) <= tonumber(ARGV[1]) then return {0} end
            if consumed then return {1} end
            redis.call('HDEL', KEYS[1], 'd')
            redis.call('HSET', KEYS[1], 'c', '1')
            return {2, v[3], v[1]}
            """);

    static final List<LuaScript> ALL = List.of(HASH_PUT, LIVE_DELETE, INTERACTION_CAS, INTERACTION_DELETE_IF,
            JTI_REPLACE_EXPIRED, PAR_SAVE, PAR_CONSUME, SessionScripts.SESSION_WRITE, SessionScripts.SESSION_PEEK,
            SessionScripts.SESSION_DROP, SessionScripts.SESSION_TOUCH, SessionScripts.SESSION_LIST, SessionScripts.SESSION_AFTER,
            SessionScripts.PTR_CAS, SessionScripts.PTR_DELETE_IF, SessionScripts.PTR_EXTEND);
}
