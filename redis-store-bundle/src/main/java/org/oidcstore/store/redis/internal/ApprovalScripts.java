package org.oidcstore.store.redis.internal;

import java.time.Instant;
import java.util.List;
import org.oidcstore.store.ApprovalState;

/**
 * The hash layout and the Lua scripts shared by the two kinds a user approves on another channel
 * (device authorizations, backchannel authentication requests): one hash per request, keyed by the
 * digest of its device code or {@code auth_req_id}, whose state machine is decided by one script
 * per operation on that one key (one round trip, one slot).
 *
 * <p>Fields: {@code x} expiresAt and {@code l} lastPolledAt (epoch microseconds; {@code l} absent
 * before the first poll), {@code s} state ({@code P A D C}), {@code i} interval in seconds,
 * {@code a} the approval body ({@link ApprovalRecords#approval(byte[])}; present in {@code A} and {@code C},
 * kept by a revocation), {@code d} the kind's body. Device authorizations add {@code u} (the
 * user-code digest), {@code k} strikes and {@code v} poll violations; backchannel requests add
 * {@code j} (the subject, which approve compares).
 *
 * <p>Every script takes {@code ARGV[1]} now, {@code ARGV[2]} the kind ({@code device} or
 * {@code ciba}) and {@code ARGV[3]} the kind's body layout, and checks every field it reads
 * ({@code load()}: all of them; the poll's {@code head()}: the four it reads) before it writes anything: a damaged record is {@code OIDCS-1454} and stays as
 * it was. Scripts that hand the record back return its ten fields in {@link #FIELDS} order.
 */
final class ApprovalScripts {
    static final byte[][] FIELDS = {Values.ascii("x"), Values.ascii("s"), Values.ascii("i"), Values.ascii("l"),
        Values.ascii("a"), Values.ascii("d"), Values.ascii("u"), Values.ascii("k"), Values.ascii("v"),
        Values.ascii("j")};
    static final int X = 0;
    static final int S = 1;
    static final int I = 2;
    static final int L = 3;
    static final int A = 4;
    static final int D = 5;
    static final int U = 6;
    static final int K = 7;
    static final int V = 8;
    static final int J = 9;

    private ApprovalScripts() {
    }

    /** {@code load()}: the record's fields and expiry, or nil when the key holds nothing; damaged() otherwise. */
    static final String LOAD_CHECKS = LuaChecks.CORE + LuaChecks.BODY + """
            local function load()
              local v = redis.call('HMGET', KEYS[1], 'x', 's', 'i', 'l', 'a', 'd', 'u', 'k', 'v', 'j')
              local any = false
              for n = 1, 10 do if v[n] then any = true end end
              if not any then return nil end
              local x, s = num(v[1]), v[2]
              if s ~= 'P' and s ~= 'A' and s ~= 'D' and s ~= 'C' then damaged() end
              if num(v[3]) < 1 then damaged() end
              if v[4] then num(v[4]) end
              if v[5] then
                if s == 'P' then damaged() end
                body(v[5], 'Ssli')
              elseif s == 'A' or s == 'C' then damaged() end
              body(v[6], ARGV[3])
              if ARGV[2] == 'device' then
                if type(v[7]) ~= 'string' or #v[7] == 0 or v[10] then damaged() end
                if num(v[8]) < 0 or num(v[9]) < 0 then damaged() end
              elseif type(v[10]) ~= 'string' or #v[10] == 0 or v[7] or v[8] or v[9] then damaged() end
              return v, x
            end
            """;

    /** ARGV[4] ttl, ARGV[5..] field, value... 0 = a live record holds the key; 1 = saved. */
    static final LuaScript SAVE = LuaChecks.checked("approval-save", LOAD_CHECKS, """
            local v, x = load()
            if v and x > tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 5))
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """);

    /**
     * A user's decision. ARGV[4] the user-code digest the record must hold ('' = any), ARGV[5] the new
     * state (A or D), ARGV[6] the approval body ('' for D), ARGV[7] the subject the record must name
     * ('' = any). {0} absent, expired or not this user code's; {2, state} not pending; {3} another
     * subject; {1, fields...} decided.
     */
    static final LuaScript DECIDE = LuaChecks.checked("approval-decide", LOAD_CHECKS, """
            local v, x = load()
            if not v or x <= tonumber(ARGV[1]) or (ARGV[4] ~= '' and v[7] ~= ARGV[4]) then return {0} end
            if v[2] ~= 'P' then return {2, v[2]} end
            if ARGV[7] ~= '' and v[10] ~= ARGV[7] then return {3} end
            v[2] = ARGV[5]
            redis.call('HSET', KEYS[1], 's', v[2])
            if ARGV[6] ~= '' then
              v[5] = ARGV[6]
              redis.call('HSET', KEYS[1], 'a', v[5])
            end
            return {1, unpack(v, 1, 10)}
            """);

    /**
     * {@code head()}: the fields a poll reads ({@code x s i l}), checked, or nil when the key holds
     * none of them; the poll reads nothing else, so it checks nothing else (the body is checked by
     * every script and read that hands the record back).
     */
    static final String HEAD_CHECKS = LuaChecks.CORE + """
            local function head()
              local v = redis.call('HMGET', KEYS[1], 'x', 's', 'i', 'l')
              if not v[1] and not v[2] and not v[3] and not v[4] then return nil end
              local x, s = num(v[1]), v[2]
              if s ~= 'P' and s ~= 'A' and s ~= 'D' and s ~= 'C' then damaged() end
              if num(v[3]) < 1 then damaged() end
              if v[4] then num(v[4]) end
              return v, x
            end
            """;

    /**
     * A poll: reads and checks {@code x s i l} only ({@code head()}), the hot path. ARGV[4] the
     * slow_down step in seconds, ARGV[5] the longest interval ({@code PollResult.MAX_INTERVAL}, in
     * seconds). {0} absent or expired; {1, state, slowDown (0 or 1), interval} recorded.
     */
    static final LuaScript POLL = LuaChecks.checked("approval-poll", HEAD_CHECKS, """
            local v, x = head()
            local now = tonumber(ARGV[1])
            if not v or x <= now then return {0} end
            local i, slow = tonumber(v[3]), 0
            if v[4] and now < tonumber(v[4]) + i * 1000000 then
              slow = 1
              i = math.min(i + tonumber(ARGV[4]), tonumber(ARGV[5]))
              redis.call('HSET', KEYS[1], 'i', string.format('%d', i))
            end
            redis.call('HSET', KEYS[1], 'l', ARGV[1])
            return {1, v[2], slow, i}
            """);

    /** {0} absent or expired; {2, state} pending or denied; {3, fields...} consumed before; {1, fields...} consumed now. */
    static final LuaScript CONSUME = LuaChecks.checked("approval-consume", LOAD_CHECKS, """
            local v, x = load()
            if not v or x <= tonumber(ARGV[1]) then return {0} end
            if v[2] == 'C' then return {3, unpack(v, 1, 10)} end
            if v[2] ~= 'A' then return {2, v[2]} end
            v[2] = 'C'
            redis.call('HSET', KEYS[1], 's', 'C')
            return {1, unpack(v, 1, 10)}
            """);

    /** 1 = denied by this call; 0 = absent, expired, denied or consumed (nothing changes). */
    static final LuaScript REVOKE = LuaChecks.checked("approval-revoke", LOAD_CHECKS, """
            local v, x = load()
            if not v or x <= tonumber(ARGV[1]) or (v[2] ~= 'P' and v[2] ~= 'A') then return 0 end
            redis.call('HSET', KEYS[1], 's', 'D')
            return 1
            """);

    /** The shared scripts, loaded at start ({@link RedisKinds#SCRIPTS}). */
    static final List<LuaScript> SCRIPTS = List.of(SAVE, DECIDE, POLL, CONSUME, REVOKE);

    /** The three arguments every script of this class starts with. */
    static List<byte[]> args(Instant now, String kind, String layout) {
        return List.of(Micros.bytes(now), Values.ascii(kind), Values.ascii(layout));
    }

    static ApprovalState state(byte[] s) {
        if (s != null && s.length == 1) {
            switch (s[0]) {
                case 'P': return ApprovalState.PENDING;
                case 'A': return ApprovalState.APPROVED;
                case 'D': return ApprovalState.DENIED;
                case 'C': return ApprovalState.CONSUMED;
                default: break;
            }
        }
        throw new DamagedRecordException("its state is not one of P A D C");
    }

    /** A stored count (interval seconds, strikes): 1 to 18 ASCII digits. */
    static long count(byte[] decimal, String what) {
        if (decimal == null || decimal.length < 1 || decimal.length > 18) {
            throw new DamagedRecordException(what + " is missing or not a number");
        }
        long n = 0;
        for (byte b : decimal) {
            if (b < '0' || b > '9') {
                throw new DamagedRecordException(what + " is not a number");
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }

    /** Whether a reply of ten fields (HMGET order) holds nothing. */
    static boolean absent(List<byte[]> v) {
        return v.stream().allMatch(java.util.Objects::isNull);
    }

    /** The ten fields of a script's reply, after its outcome code. */
    @SuppressWarnings("unchecked")
    static List<byte[]> fields(List<?> reply) {
        return (List<byte[]>) (List<?>) reply.subList(1, 11);
    }
}
