package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.spi.ValueSize;

/**
 * Interactions with compare-and-swap. The state is a hash field of its own, written and read with
 * binary-safe commands, and compared byte for byte inside Lua (Lua strings are 8-bit clean), so
 * of several concurrent swaps from the same expected state exactly one matches. The subject, once
 * the login names one, is the hash field {@code j}; a save or swap that names a subject first adds
 * the interaction's hint to the subject's index ({@link SubjectHints}: one more round trip), so that
 * {@link #eraseSubject} finds it. Without a subject, save and swap stay one round trip.
 */
public final class RedisInteractionStore implements InteractionCompareAndSwap {
    static final String NAME = "interactions";
    private static final byte[] X = Values.ascii("x");
    private static final byte[] S = Values.ascii("s");
    private static final byte[] D = Values.ascii("d");
    private static final byte[] J = Values.ascii("j");
    /** The segment of the subject index keys ({@code P ia:{u:<subject>}:h}). */
    private static final String SEGMENT = "ia:";

    /** {@code interaction(v)} of {@code HMGET x s d}: its expiry, or nil when absent. */
    private static final String CHECK = LuaChecks.CORE + """
            local function interaction(v)
              if not v[1] and not v[2] and not v[3] then return nil end
              if not v[2] or type(v[3]) ~= 'string' or string.byte(v[3], 1) ~= 1 then damaged() end
              local _, p = vint(v[3], 2)
              if p ~= #v[3] + 1 then damaged() end
              return num(v[1])
            end
            """;

    /** KEYS[1]; ARGV: ttl, field, value, ... Replaces the whole hash, whatever was there. */
    static final LuaScript HASH_PUT = LuaScript.of("hash-put", """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /**
     * KEYS[1] (an interaction); ARGV: now. Deletes. {live (1 or 0), subject or false, expiry or
     * false}: what the caller needs to take back the subject's hint.
     */
    static final LuaScript LIVE_DELETE = LuaChecks.checked("live-delete", CHECK, """
            local v = redis.call('HMGET', KEYS[1], 'x', 's', 'd', 'j')
            local x = interaction(v)
            if not x then return {0, false, false} end
            redis.call('DEL', KEYS[1])
            if x > tonumber(ARGV[1]) then return {1, v[4], v[1]} end
            return {0, v[4], v[1]}
            """);

    /** KEYS[1]; ARGV: now, expected state, ttl, field, value, ... 1 = swapped, 0 = conflict. */
    static final LuaScript INTERACTION_CAS = LuaChecks.checked("interaction-cas", CHECK, """
            local v = redis.call('HMGET', KEYS[1], 'x', 's', 'd')
            local x = interaction(v)
            if not x or x <= tonumber(ARGV[1]) or v[2] ~= ARGV[2] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    /** KEYS[1]; ARGV: now, expected state. {1, subject or false, expiry} = deleted, {0} = conflict. */
    static final LuaScript INTERACTION_DELETE_IF = LuaChecks.checked("interaction-delete-if", CHECK, """
            local v = redis.call('HMGET', KEYS[1], 'x', 's', 'd', 'j')
            local x = interaction(v)
            if not x or x <= tonumber(ARGV[1]) or v[2] ~= ARGV[2] then return {0} end
            redis.call('DEL', KEYS[1])
            return {1, v[4], v[1]}
            """);

    /** The scripts of this kind, loaded at start ({@link RedisKinds#SCRIPTS}). */
    static final List<LuaScript> SCRIPTS = List.of(HASH_PUT, LIVE_DELETE, INTERACTION_CAS, INTERACTION_DELETE_IF);

    private final EngineHolder holder;
    private final Clock clock;

    public RedisInteractionStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    public void save(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        RedisEngine e = holder.get();
        List<byte[]> fields = fields(e, interaction);
        Instant now = clock.instant();
        List<byte[]> args = new ArrayList<>();
        args.add(Values.ascii(Values.ttl(interaction.expiresAt(), now, Values.RECORD_TTL_FLOOR)));
        args.addAll(fields);
        byte[] key = key(e.keys(), interaction.interactionId());
        e.call(NAME, "save", j -> {
            hint(j, e, interaction, now);
            return RedisEngine.eval(j, HASH_PUT, List.of(key), args);
        });
    }

    @Override
    public Optional<Interaction> find(String interactionId) {
        Objects.requireNonNull(interactionId, "interactionId");
        if (!Arguments.isStorableId(interactionId)) {
            return Optional.empty(); // never stored; its key could be a look-alike's (ia\uDC00 is ia?)
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = key(e.keys(), interactionId);
        return e.call(NAME, "find", j -> {
            List<byte[]> v = j.hmget(key, X, S, D, J);
            if (v.get(0) == null && v.get(1) == null && v.get(2) == null) {
                return Optional.<Interaction>empty();
            }
            if (v.get(1) == null) {
                throw new DamagedRecordException("its state field is missing");
            }
            Instant expiresAt = Micros.parse(v.get(0));
            Instant createdAt = createdAt(v.get(2));
            if (Expiry.isExpired(expiresAt, now)) {
                return Optional.<Interaction>empty();
            }
            try {
                return Optional.of(new Interaction(interactionId, v.get(1), createdAt, expiresAt,
                        v.get(3) == null ? null : Values.utf8(v.get(3))));
            } catch (IllegalArgumentException e2) {
                throw new DamagedRecordException("it does not decode to a valid interaction", e2);
            }
        });
    }

    @Override
    public boolean delete(String interactionId) {
        Objects.requireNonNull(interactionId, "interactionId");
        if (!Arguments.isStorableId(interactionId)) {
            return false;
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = key(e.keys(), interactionId);
        return e.call(NAME, "delete", j -> {
            List<?> r = (List<?>) RedisEngine.eval(j, LIVE_DELETE, List.of(key), List.of(Micros.bytes(now)));
            unhint(j, e, interactionId, r);
            return Values.num(r.get(0));
        }) == 1;
    }

    @Override
    public void compareAndSwap(byte[] expectedState, Interaction next) {
        Objects.requireNonNull(expectedState, "expectedState");
        Objects.requireNonNull(next, "next");
        RedisEngine e = holder.get();
        List<byte[]> fields = fields(e, next);
        Instant now = clock.instant();
        List<byte[]> args = new ArrayList<>();
        args.add(Micros.bytes(now));
        args.add(expectedState.clone());
        args.add(Values.ascii(Values.ttl(next.expiresAt(), now, Values.RECORD_TTL_FLOOR)));
        args.addAll(fields);
        byte[] key = key(e.keys(), next.interactionId());
        long swapped = e.call(NAME, "compareAndSwap", j -> {
            return SubjectHints.writeThen(j, hint(j, e, next, now), () -> Values.num(RedisEngine.eval(j,
                    INTERACTION_CAS, List.of(key), args)), r -> r == 1); // a refused swap leaves nothing
        });
        if (swapped == 0) {
            throw conflict();
        }
    }

    @Override
    public void deleteIfUnchanged(String interactionId, byte[] expectedState) {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(expectedState, "expectedState");
        if (!Arguments.isStorableId(interactionId)) {
            throw conflict(); // absent: what an interaction that is gone answers
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = key(e.keys(), interactionId);
        long deleted = e.call(NAME, "deleteIfUnchanged", j -> {
            List<?> r = (List<?>) RedisEngine.eval(j, INTERACTION_DELETE_IF, List.of(key),
                    List.of(Micros.bytes(now), expectedState.clone()));
            unhint(j, e, interactionId, r);
            return Values.num(r.get(0));
        });
        if (deleted == 0) {
            throw conflict();
        }
    }

    /**
     * Through the subject's hints ({@link SubjectHints}): each hinted interaction is deleted only if
     * its field {@code j} still names the subject. Interactions saved without a subject are not found.
     */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (!Arguments.isStorableId(subject)) {
            return 0;
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        return e.call(NAME, "eraseSubject", j -> SubjectHints.erase(j, e.keys(), SEGMENT, subject, "j", now));
    }

    /** Before the record: the hint of an interaction that names a subject (nothing, no round trip, otherwise). */
    private static SubjectHints.Added hint(redis.clients.jedis.UnifiedJedis j, RedisEngine e, Interaction i,
            Instant now) {
        return i.subject() == null ? null
                : SubjectHints.add(j, e.keys(), SEGMENT, i.subject(), segment(i.interactionId()), i.expiresAt(), now);
    }

    /**
     * After a delete ({subject, expiry} from its script, at 2 and 3): takes back the hint of an
     * interaction that named a subject, if it still has that expiry's score (one more round trip,
     * only then), so a deleted interaction leaves nothing of its subject. A hint a concurrent save
     * of the same id re-scored stays.
     */
    private static void unhint(redis.clients.jedis.UnifiedJedis j, RedisEngine e, String interactionId, List<?> r) {
        if (r.size() > 2 && r.get(1) instanceof byte[] subject && r.get(2) instanceof byte[] expiry) {
            SubjectHints.undo(j, new SubjectHints.Added(SubjectHints.key(e.keys(), SEGMENT, Values.utf8(subject)),
                    Values.utf8(segment(interactionId)), expiry));
        }
    }

    /** No interaction id in the message: ids of half-finished logins work like bearer values. */
    private static ConflictException conflict() {
        return new ConflictException("the interaction changed, expired or is gone; re-read it");
    }

    /** The hash fields of a record, after the size check (nothing is written when it fails). */
    private static List<byte[]> fields(RedisEngine e, Interaction i) {
        ValueSize.check(ValueSize.of(i), e.maxValueBytes(), NAME, RedisSettings.MAX_VALUE_BYTES_KEY);
        if (i.subject() == null) {
            return List.of(X, Micros.bytes(i.expiresAt()), S, i.state(), D, body(i.createdAt()));
        }
        return List.of(X, Micros.bytes(i.expiresAt()), S, i.state(), D, body(i.createdAt()), J,
                Values.utf8(i.subject()));
    }

    /**
     * {@code P ia:<id>}: a hash of {@code x} expiry, {@code s} raw state, {@code d} body, {@code j}
     * subject (absent until the login names one).
     */
    static byte[] key(RedisKeys keys, String interactionId) {
        return keys.key(segment(interactionId));
    }

    /** The key after the prefix: what a subject hint names. */
    static String segment(String interactionId) {
        return "ia:" + RedisKeys.escape(interactionId);
    }

    /** Interaction body: createdAt (the state is the hash field {@code s}, raw). */
    static byte[] body(Instant createdAt) {
        return new RecordCodec.Writer(RecordCodec.FORMAT_1).instant(createdAt).bytes();
    }

    static Instant createdAt(byte[] body) {
        return RecordCodec.read(body, "interaction", RecordCodec.Reader::instant);
    }
}
