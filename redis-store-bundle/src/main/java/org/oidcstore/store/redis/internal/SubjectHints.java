package org.oidcstore.store.redis.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The per-subject index of <em>hints</em> that lets {@code eraseSubject} find the records of a
 * subject without scanning the keyspace, shared by the kinds whose records name a subject in a slot
 * of their own (interactions, device authorizations once approved, CIBA requests). It follows the
 * rules of the sessions' subject index ({@link SessionIndexes}):
 *
 * <ul>
 * <li>One sorted set per kind and subject, {@code P <kind>:{u:<subject>}:h}, in the subject's own
 * hash slot; a member is the segment of a record's key after the prefix ({@code ia:<id>},
 * {@code dev:<d>}, {@code ciba:<d>}: ids escaped, device codes and {@code auth_req_id}s only as
 * their digests, as in the record keys), scored by the record's expiry in epoch microseconds.</li>
 * <li>A write that makes a record name a subject adds its hint <b>before</b> the record
 * ({@link #add}: one more round trip), so a crash between the two leaves only a stale hint, never a
 * record the index cannot find. Each add lengthens the set's TTL to at least the record's, and drops
 * up to {@link #TRIM} hints whose record expired more than {@link #MARGIN} ago (a record written
 * again adds its hint again with its new expiry, so a trim never loses a live one): the index never
 * outlives its records by more than the margin, and does not grow with a subject's history.</li>
 * <li>A hint is only a hint: {@link #erase} deletes each hinted record inside one script on the
 * record's own key ({@code subject-erase}) only if that record still names the subject, so a stale
 * hint never deletes another subject's record. Erasure leaves the hints in place (they end with
 * their records' expiry): removing one could race a save that added it just before writing its
 * record, and lose that record's hint; a second erasure finds the same hints and removes nothing.</li>
 * </ul>
 */
final class SubjectHints {
    /** How long after its record's expiry a hint may be trimmed: the clock skew tolerated between nodes. */
    static final Duration MARGIN = Duration.ofMinutes(1);
    /** At most this many expired hints are trimmed per add. */
    static final int TRIM = 16;

    /**
     * KEYS[1] a subject index; ARGV: the trim bound (micros: hints scored at or below it go), ttl
     * (ms), the record's expiry (micros, the score), member. Trims, adds, lengthens the TTL.
     */
    static final LuaScript ADD = LuaScript.of("subject-hint-add", """
            local old = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, %d)
            if #old > 0 then redis.call('ZREM', KEYS[1], unpack(old)) end
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 1
            """.formatted(TRIM));

    /**
     * KEYS[1] a record (a hash with {@code x} expiry); ARGV: now, subject, where the record names its
     * subject ({@code j}: the hash field; {@code a}: the first string of the approval body). Deletes
     * the record only if it names the subject, whatever its state, even if other fields are damaged.
     * 0 = not deleted (absent, or another subject's); 1 = deleted a live record; 2 = deleted an
     * expired one (or one without a readable expiry).
     */
    static final LuaScript ERASE = LuaChecks.checked("subject-erase", LuaChecks.CORE, """
            local v = redis.call('HMGET', KEYS[1], 'x', 'j', 'a')
            local s = v[2]
            if ARGV[3] == 'a' then
              s = nil
              local a = v[3]
              if type(a) == 'string' and string.byte(a, 1) == 1 and #a > 1 then
                local ok, n, p = pcall(vint, a, 2)
                if ok and n >= 2 and p + n - 2 <= #a then s = string.sub(a, p, p + n - 2) end
              end
            end
            if s ~= ARGV[2] then return 0 end
            redis.call('DEL', KEYS[1])
            local x = type(v[1]) == 'string' and string.match(v[1], '^%-?%d+$') and tonumber(v[1])
            if x and x > tonumber(ARGV[1]) then return 1 end
            return 2
            """);

    /** The scripts of the index, loaded at start ({@link RedisKinds#SCRIPTS}). */
    static final List<LuaScript> SCRIPTS = List.of(ADD, ERASE);

    private SubjectHints() {
    }

    /** {@code P <kind>:{u:<subject>}:h}: the hints of one kind's records naming {@code subject}. */
    static byte[] key(RedisKeys keys, String kindSegment, String subject) {
        return keys.key(kindSegment + "{u:" + RedisKeys.escape(subject) + "}:h");
    }

    /**
     * Adds the hint of the record at {@code recordSegment} (its key after the prefix) under
     * {@code subject}, before the record is written: one round trip.
     */
    static void add(UnifiedJedis j, RedisKeys keys, String kindSegment, String subject, String recordSegment,
            Instant expiresAt, Instant now) {
        byte[] ttl = Values.ascii(Values.ttl(expiresAt, now, Values.RECORD_TTL_FLOOR) + MARGIN.toMillis());
        RedisEngine.eval(j, ADD, List.of(key(keys, kindSegment, subject)), List.of(
                Micros.bytes(now.minus(MARGIN)), ttl, Micros.bytes(expiresAt), Values.utf8(recordSegment)));
    }

    /**
     * Deletes every hinted record of {@code subject} that still names it: one round trip for the
     * hints, one script per hinted record (on the record's key). {@code subjectAt} is {@code j} or
     * {@code a} (see {@link #ERASE}).
     *
     * @return how many live records it deleted
     */
    static int erase(UnifiedJedis j, RedisKeys keys, String kindSegment, String subject, String subjectAt,
            Instant now) {
        List<byte[]> members = j.zrange(key(keys, kindSegment, subject), 0, -1);
        int erased = 0;
        for (byte[] member : members) {
            byte[] record = keys.key(Values.utf8(member));
            erased += Values.num(RedisEngine.eval(j, ERASE, List.of(record),
                    List.of(Micros.bytes(now), Values.utf8(subject), Values.ascii(subjectAt)))) == 1 ? 1 : 0;
        }
        return erased;
    }
}
