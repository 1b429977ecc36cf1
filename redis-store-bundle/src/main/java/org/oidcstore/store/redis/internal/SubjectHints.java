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
 * their digests, as in the record keys), scored by the record's expiry in epoch microseconds (the
 * largest one written, so never below the record's).</li>
 * <li>A write that makes a record name a subject adds its hint <b>before</b> the record
 * ({@link #add}: one more round trip), so a crash between the two leaves only a stale hint, never a
 * record the index cannot find. A write that is then refused (a conflict, a duplicate, a damaged
 * record) takes back a hint it added ({@link #undo}, a third round trip on that path only), so a
 * refused operation leaves nothing; so does the delete of an interaction that named a subject (the
 * hint goes only if it still has the deleted record's expiry as its score). Each add lengthens the set's TTL to at least the record's plus
 * {@link #MARGIN}, and drops up to {@link #TRIM} hints whose record expired more than the margin ago
 * (a record written again adds its hint again, so a trim never loses a live one): the index never
 * outlives its records by more than the margin, and does not grow with a subject's history.</li>
 * <li>A hint is only a hint: {@link #erase} takes the subject's whole index (read and deleted in
 * one script, so nothing of the subject stays at rest) and deletes each hinted record inside one
 * script on the record's own key ({@code subject-erase}) only if that record still names the
 * subject, so a stale hint never deletes another subject's record. A hint whose record is absent
 * but would still be live is put back: it may be a save in flight (its hint written, its record
 * not yet), which must stay findable by the next erasure.</li>
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
            local pttl = redis.call('PTTL', KEYS[1])
            local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[4])
            if added == 0 then redis.call('ZADD', KEYS[1], 'XX', 'GT', ARGV[3], ARGV[4]) end
            -- -1: a key made persistent on purpose (an operator, a test) is left so
            if pttl ~= -1 and pttl < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return added
            """.formatted(TRIM));

    /** KEYS[1] a subject index; ARGV: member, score. Removes the member only if it still has that score. */
    static final LuaScript UNDO = LuaScript.of("subject-hint-undo", """
            for _, m in ipairs(redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[2], 'BYSCORE')) do
              if m == ARGV[1] then return redis.call('ZREM', KEYS[1], m) end
            end
            return 0
            """);

    /** KEYS[1] a subject index. Its members and scores, and the index deleted, in one step. */
    static final LuaScript TAKE = LuaScript.of("subject-hint-take", """
            local all = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
            redis.call('DEL', KEYS[1])
            return all
            """);

    /**
     * KEYS[1] a record (a hash with {@code x} expiry); ARGV: now, subject, where the record names its
     * subject ({@code j}: the hash field; {@code a}: the first string of the approval body). Deletes
     * the record only if it names the subject, whatever its state, even if other fields are damaged.
     * 0 = absent; 1 = deleted a live record; 2 = deleted an expired one (or one without a readable
     * expiry); 3 = another subject's (or none's): left as it is.
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
            if s ~= ARGV[2] then
              if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
              return 3
            end
            redis.call('DEL', KEYS[1])
            local x = type(v[1]) == 'string' and string.match(v[1], '^%-?%d+$') and tonumber(v[1])
            if x and x > tonumber(ARGV[1]) then return 1 end
            return 2
            """);

    /** The scripts of the index, loaded at start ({@link RedisKinds#SCRIPTS}). */
    static final List<LuaScript> SCRIPTS = List.of(ADD, UNDO, TAKE, ERASE);

    /** A hint this write added (to {@link #undo} when the write is refused), or null when it was there already. */
    record Added(byte[] index, byte[] member, byte[] score) {
    }

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
    static Added add(UnifiedJedis j, RedisKeys keys, String kindSegment, String subject, String recordSegment,
            Instant expiresAt, Instant now) {
        byte[] ttl = Values.ascii(Values.ttl(expiresAt, now, Values.RECORD_TTL_FLOOR) + MARGIN.toMillis());
        byte[] index = key(keys, kindSegment, subject);
        byte[] member = Values.utf8(recordSegment);
        byte[] score = Micros.bytes(expiresAt);
        long added = Values.num(RedisEngine.eval(j, ADD, List.of(index), List.of(
                Micros.bytes(now.minus(MARGIN)), ttl, score, member)));
        return added == 1 ? new Added(index, member, score) : null;
    }

    /**
     * Runs the record's {@code write} after {@link #add} gave {@code added}, and takes that hint back
     * ({@link #undo}) when the write is refused ({@code written} says no) or fails.
     */
    static <T> T writeThen(UnifiedJedis j, Added added, java.util.function.Supplier<T> write,
            java.util.function.Predicate<T> written) {
        boolean kept = false;
        try {
            T r = write.get();
            kept = written.test(r);
            return r;
        } finally {
            if (!kept) {
                undo(j, added);
            }
        }
    }

    /** Takes back a hint {@link #add} added, after its write was refused (nothing when it was there already). */
    static void undo(UnifiedJedis j, Added added) {
        if (added != null) {
            RedisEngine.eval(j, UNDO, List.of(added.index()), List.of(added.member(), added.score()));
        }
    }

    /**
     * Deletes every hinted record of {@code subject} that still names it: one round trip takes the
     * hints (and deletes the index), then one script per hinted record (on the record's key), and
     * one more per hint put back. {@code subjectAt} is {@code j} or {@code a} (see {@link #ERASE}).
     *
     * @return how many live records it deleted
     */
    static int erase(UnifiedJedis j, RedisKeys keys, String kindSegment, String subject, String subjectAt,
            Instant now) {
        byte[] index = key(keys, kindSegment, subject);
        List<?> taken = (List<?>) RedisEngine.eval(j, TAKE, List.of(index), List.of());
        int erased = 0;
        for (int i = 0; i + 1 < taken.size(); i += 2) {
            byte[] member = (byte[]) taken.get(i);
            long outcome = Values.num(RedisEngine.eval(j, ERASE, List.of(keys.key(Values.utf8(member))),
                    List.of(Micros.bytes(now), Values.utf8(subject), Values.ascii(subjectAt))));
            erased += outcome == 1 ? 1 : 0;
            long score = (long) Double.parseDouble(Values.utf8((byte[]) taken.get(i + 1)));
            if (outcome == 0 && score > Micros.of(now)) { // absent, would be live: maybe a save in flight
                Instant until = Micros.instant(score);
                RedisEngine.eval(j, ADD, List.of(index), List.of(Micros.bytes(now.minus(MARGIN)),
                        Values.ascii(Values.ttl(until, now, Values.RECORD_TTL_FLOOR) + MARGIN.toMillis()),
                        Micros.bytes(score), member));
            }
        }
        return erased;
    }
}
