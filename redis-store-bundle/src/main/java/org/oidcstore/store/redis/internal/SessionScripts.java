package org.oidcstore.store.redis.internal;

import java.util.List;

/**
 * The Lua scripts of sessions (the protocol: {@link RedisKeys}). KEYS of one script share the hash
 * tag of the session's home, except the pointer scripts, which take the pointer alone. A script
 * that reads a session hash checks it ({@link LuaChecks}) and touches a group index first, so a
 * damaged hash or index fails the call before anything changed.
 */
final class SessionScripts {
    /** Length of a save's write token (base64url of 16 random bytes), as the checks expect it. */
    static final int TOKEN_LENGTH = 22;

    private SessionScripts() {
    }

    /** {@code session(v)} of {@code HMGET d u x t}: its expiry, or nil when absent. */
    static final String CHECK = LuaChecks.CORE + LuaChecks.BODY + """
            local function session(v)
              if not v[1] and not v[2] and not v[3] and not v[4] then return nil end
              body(v[1], 'SSsislli')
              num(v[2])
              if type(v[4]) ~= 'string' or #v[4] ~= %d then damaged() end
              return num(v[3])
            end
            """.formatted(TOKEN_LENGTH);

    /**
     * KEYS: hash, index; ARGV: ttl, indexed (1/0), sid, score, field, value, ... Replaces the hash,
     * whatever was there; the index goes first, so that one of another type fails the call first.
     */
    static final LuaScript SESSION_WRITE = LuaScript.of("session-write", """
            if ARGV[2] == '1' then
              redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
              if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 5))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /**
     * KEYS: hash, index. Read only: checks the index's type and the hash, returns d, u, x, t (nils
     * when absent). Delete runs it before it removes the pointer, so a damaged session fails the
     * delete before anything changed.
     */
    static final LuaScript SESSION_PEEK = LuaChecks.checked("session-peek", CHECK, """
            redis.call('ZRANGE', KEYS[2], 0, 0)
            local v = redis.call('HMGET', KEYS[1], 'd', 'u', 'x', 't')
            session(v)
            return v
            """);

    /**
     * KEYS: hash, index; ARGV: token, sid, now. 0 = token differs (kept); 1 = dropped, was expired;
     * 2 = dropped, was live; 3 = absent (its TTL ran out). It runs after the pointer moved away
     * (save) or was removed (delete, which checked the session first): it never fails, so that no
     * step after the pointer's change is left undone; a hash it cannot read is kept (its TTL ends it).
     */
    static final LuaScript SESSION_DROP = LuaScript.of("session-drop", """
            local v = redis.pcall('HMGET', KEYS[1], 't', 'x')
            if v.err then return 0 end
            if not v[1] then
              redis.pcall('ZREM', KEYS[2], ARGV[2])
              return 3
            end
            if v[1] ~= ARGV[1] then return 0 end
            redis.pcall('ZREM', KEYS[2], ARGV[2])
            redis.call('DEL', KEYS[1])
            local x = type(v[2]) == 'string' and string.match(v[2], '^%-?%d+$') and tonumber(v[2])
            if x and x > tonumber(ARGV[3]) then return 2 end
            return 1
            """);

    /**
     * KEYS: hash, index; ARGV: now, new expiry, updatedAt, ttl. The body = touched (the store reads
     * the subject from it, to re-add the subject index's hint); 0 = absent or expired.
     */
    static final LuaScript SESSION_TOUCH = LuaChecks.checked("session-touch", CHECK, """
            redis.call('ZRANGE', KEYS[2], 0, 0)
            local v = redis.call('HMGET', KEYS[1], 'd', 'u', 'x', 't')
            local x = session(v)
            if not x or x <= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'x', ARGV[2], 'u', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            if redis.call('EXISTS', KEYS[2]) == 1 and redis.call('PTTL', KEYS[2]) < tonumber(ARGV[4]) then
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            return v[1]
            """);

    /**
     * KEYS: hash 1..n, index; ARGV: now, sid 1..n. Checks every hash first; then returns body,
     * updatedAt, expiry of each live hash and removes index members whose hash is gone (its TTL
     * ran out).
     */
    static final LuaScript SESSION_LIST = LuaChecks.checked("session-list", CHECK, """
            local rows, xs = {}, {}
            for i = 1, #KEYS - 1 do
              rows[i] = redis.call('HMGET', KEYS[i], 'd', 'u', 'x', 't')
              xs[i] = session(rows[i])
            end
            local out = {}
            local idx = KEYS[#KEYS]
            for i = 1, #KEYS - 1 do
              if not xs[i] then
                redis.call('ZREM', idx, ARGV[i + 1])
              elseif xs[i] > tonumber(ARGV[1]) then
                out[#out + 1] = rows[i][1]
                out[#out + 1] = rows[i][2]
                out[#out + 1] = rows[i][3]
              end
            end
            return out
            """);

    /**
     * KEYS: index; ARGV: score ('' = from the start), member, n. Up to n members strictly after
     * (score, member) in the index's order, each followed by its score: the next batch of a keyset
     * listing. The first rank after the position is found by galloping then bisecting over ranks,
     * inside this one atomic call, so no offset outlives it (a concurrent delete cannot shift it) and
     * the cost is logarithmic: about 2 log2(rank) lookups by rank. Only ZRANGE reads the index (the
     * ACL grants no other sorted-set read). Members are compared byte by byte, as Redis orders them
     * within a score ({@code memcmp}): Lua's {@code <} on strings follows the server's locale.
     * Scores compare as the doubles Redis stores (the cursor's decimal micros parse to the same
     * double as the ZADD that wrote them).
     */
    static final LuaScript SESSION_AFTER = LuaScript.of("session-after", """
            local idx, n = KEYS[1], tonumber(ARGV[3])
            local first = 0
            if ARGV[1] ~= '' then
              local s, m = tonumber(ARGV[1]), ARGV[2]
              local function beyond(r)
                local e = redis.call('ZRANGE', idx, r, r, 'WITHSCORES')
                if not e[1] then return true end
                local sc = tonumber(e[2])
                if sc ~= s then return sc > s end
                local a = e[1]
                for i = 1, math.min(#a, #m) do
                  local x, y = string.byte(a, i), string.byte(m, i)
                  if x ~= y then return x > y end
                end
                return #a > #m
              end
              local lo, hi = 0, 1
              while not beyond(hi - 1) do lo, hi = hi, hi * 2 end
              hi = hi - 1
              while lo < hi do
                local mid = math.floor((lo + hi) / 2)
                if beyond(mid) then hi = mid else lo = mid + 1 end
              end
              first = lo
            end
            return redis.call('ZRANGE', idx, first, first + n - 1, 'WITHSCORES')
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

    /**
     * KEYS: subject index; ARGV: ttl, score, sid. Adds (or re-scores) a hint that sid is a session of
     * the subject, and lengthens the index's TTL to at least the session's, never shortening it.
     */
    static final LuaScript SUBJECT_ADD = LuaScript.of("subject-add", """
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return 1
            """);

    /** KEYS: subject index; ARGV: sid. Removes a hint (the caller re-checks the session after it). */
    static final LuaScript SUBJECT_REMOVE = LuaScript.of("subject-remove", """
            return redis.call('ZREM', KEYS[1], ARGV[1])
            """);

    /** The scripts of sessions, loaded at start ({@link RedisKinds#SCRIPTS}). */
    static final List<LuaScript> SCRIPTS = List.of(SESSION_WRITE, SESSION_PEEK, SESSION_DROP, SESSION_TOUCH,
            SESSION_LIST, SESSION_AFTER, PTR_CAS, PTR_DELETE_IF, PTR_EXTEND, SUBJECT_ADD, SUBJECT_REMOVE);
}
