package org.oidcstore.store.redis.internal;

import static org.oidcstore.store.redis.internal.SessionKeys.hashKey;
import static org.oidcstore.store.redis.internal.SessionKeys.home;
import static org.oidcstore.store.redis.internal.SessionKeys.indexKey;
import static org.oidcstore.store.redis.internal.SessionKeys.pointerKey;
import static org.oidcstore.store.redis.internal.SessionKeys.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.KeysetCursor;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.spi.ValueSize;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sessions, their chooser-group index and the sid pointer. The protocol (and why it is correct on
 * Redis Cluster, where a session and its pointer live in different slots) is described in
 * {@link RedisKeys}, the keys and the pointer's format in {@link SessionKeys}; {@link SessionIndexes}
 * reads a group, {@link SessionIndexes} keeps the subject index (hints verified against the
 * sessions) and reads and signs out a subject.
 */
public final class RedisSessionStore implements SessionStore {
    static final String NAME = "sessions";
    /** Write tokens are 16 random bytes in base64url: always 22 ASCII characters (the scripts rely on it). */
    static final int TOKEN_LENGTH = SessionKeys.TOKEN_LENGTH;
    private static final byte[] D = Values.ascii("d");
    private static final byte[] U = Values.ascii("u");
    private static final byte[] X = Values.ascii("x");
    private static final byte[] T = Values.ascii("t");

    private final EngineHolder holder;
    private final Clock clock;

    public RedisSessionStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    public void save(Session session) {
        Objects.requireNonNull(session, "session");
        RedisEngine e = holder.get();
        ValueSize.check(ValueSize.of(session), e.maxValueBytes(), NAME, RedisSettings.MAX_VALUE_BYTES_KEY);
        byte[] body = body(session);
        String sid = session.sessionId();
        String home = home(session.chooserGroup(), sid);
        String token = token();
        Instant now = clock.instant();
        byte[] ttl = Values.ascii(Values.ttl(session.expiresAt(), now, Values.RECORD_TTL_FLOOR));
        byte[] pointerKey = pointerKey(e.keys(), sid);
        byte[] pointer = Values.utf8(token + home);
        List<byte[]> keys = List.of(hashKey(e.keys(), home, sid), indexKey(e.keys(), home));
        List<byte[]> writeArgs = List.of(ttl, Values.ascii(session.chooserGroup() == null ? "0" : "1"),
                Values.utf8(sid), Micros.bytes(session.createdAt()), D, body, U, Micros.bytes(session.updatedAt()),
                X, Micros.bytes(session.expiresAt()), T, Values.ascii(token));
        long deadline = System.nanoTime() + e.settings().timeout().toNanos();
        e.call(NAME, "save", j -> {
            while (true) {
                // write the home first, then publish it: a pointer never names a missing hash
                byte[] previous = j.get(pointerKey);
                String previousHome = previous == null ? null : home(previous); // a damaged pointer stops here
                RedisEngine.eval(j, SessionScripts.SESSION_WRITE, keys, writeArgs);
                // the subject's hint before the pointer makes the session visible (and after the
                // checks above: a save that fails on a damaged pointer or index changes nothing)
                SessionIndexes.add(j, e.keys(), session, ttl);
                if (Values.num(RedisEngine.eval(j, SessionScripts.PTR_CAS, List.of(pointerKey),
                        List.of(previous == null ? Values.EMPTY : previous, pointer, ttl))) == 1) {
                    if (previousHome != null && !previousHome.equals(home)) {
                        drop(j, e, previous, sid, now);
                    }
                    SessionIndexes.add(j, e.keys(), session, ttl); // again: a concurrent prune may have removed it
                    return null;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw movingTooFast("save");
                }
            }
        });
    }

    @Override
    public Optional<Session> find(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!Arguments.isStorableId(sessionId)) {
            return Optional.empty(); // never stored; its key could be a look-alike's (s\uDC00 is s?)
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        long deadline = System.nanoTime() + e.settings().timeout().toNanos();
        return e.call(NAME, "find", j -> Optional.ofNullable(read(j, e.keys(), sessionId, deadline, "find"))
                .filter(s -> Expiry.isLive(s.expiresAt(), now)));
    }

    /** The session the pointer of {@code sessionId} names (expired or not), or {@code null}. */
    static Session read(UnifiedJedis j, RedisKeys keys, String sessionId, long deadline, String op) {
        byte[] pointerKey = pointerKey(keys, sessionId);
        while (System.nanoTime() - deadline < 0) {
            byte[] pointer = j.get(pointerKey);
            if (pointer == null) {
                return null;
            }
            Session s = decode(j.hmget(hashKey(keys, home(pointer), sessionId), D, U, X, T), sessionId);
            // null: the home was dropped between the two reads, which only a concurrent move does
            if (s != null || Arrays.equals(pointer, j.get(pointerKey))) {
                return s;
            }
        }
        throw movingTooFast(op);
    }

    @Override
    public boolean touch(String sessionId, Instant newExpiresAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Instant now = clock.instant();
        Instant until = Arguments.futureInstant(newExpiresAt, "newExpiresAt", now);
        if (!Arguments.isStorableId(sessionId)) {
            return false;
        }
        RedisEngine e = holder.get();
        byte[] pointerKey = pointerKey(e.keys(), sessionId);
        byte[] ttl = Values.ascii(Values.ttl(until, now, Values.RECORD_TTL_FLOOR));
        long deadline = System.nanoTime() + e.settings().timeout().toNanos();
        return e.call(NAME, "touch", j -> {
            while (System.nanoTime() - deadline < 0) {
                byte[] pointer = j.get(pointerKey);
                if (pointer == null) {
                    return false;
                }
                String home = home(pointer);
                Object touched = RedisEngine.eval(j, SessionScripts.SESSION_TOUCH,
                        List.of(hashKey(e.keys(), home, sessionId), indexKey(e.keys(), home)),
                        List.of(Micros.bytes(now), Micros.bytes(until), Micros.bytes(now), ttl));
                if (touched instanceof byte[] body) {
                    // the pointer must live as long as the hash it names; it is only ever lengthened.
                    // 0 (it names another home now, or none) means a concurrent move or delete came
                    // after this touch, which is then simply ordered before it: still true.
                    RedisEngine.eval(j, SessionScripts.PTR_EXTEND, List.of(pointerKey), List.of(Values.utf8(home), ttl));
                    SessionIndexes.touched(j, e.keys(), body, ttl); // the subject index outlives its members too
                    return true;
                }
                if (Arrays.equals(pointer, j.get(pointerKey))) {
                    return false; // absent or expired, and not moving: never resurrected
                }
            }
            throw movingTooFast("touch");
        });
    }

    @Override
    public boolean delete(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!Arguments.isStorableId(sessionId)) {
            return false;
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] pointerKey = pointerKey(e.keys(), sessionId);
        long deadline = System.nanoTime() + e.settings().timeout().toNanos();
        return e.call(NAME, "delete", j -> {
            while (true) {
                byte[] pointer = j.get(pointerKey);
                if (pointer == null) {
                    return false;
                }
                // a damaged session fails the delete here, before the pointer is gone
                String home = home(pointer);
                Session peeked = decode((List<?>) RedisEngine.eval(j, SessionScripts.SESSION_PEEK,
                        List.of(hashKey(e.keys(), home, sessionId), indexKey(e.keys(), home)), List.of()), sessionId);
                // removing the pointer is the moment the session stops existing for every reader
                if (Values.num(RedisEngine.eval(j, SessionScripts.PTR_DELETE_IF, List.of(pointerKey),
                        List.of(pointer))) == 1) {
                    long dropped = drop(j, e, pointer, sessionId, now);
                    if (peeked != null) { // its subject hint goes too (re-added if the sid was saved again meanwhile)
                        SessionIndexes.prune(j, e.keys(), peeked.subject(), sessionId, now, deadline);
                    }
                    // 0: a concurrent save re-wrote the home after we read the pointer (it was there)
                    return dropped == 2 || dropped == 0;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw movingTooFast("delete");
                }
            }
        });
    }

    @Override
    public KeysetPage<Session> listByChooserGroup(String chooserGroup, String afterCursor, int limit) {
        Objects.requireNonNull(chooserGroup, "chooserGroup");
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        if (!Arguments.isStorableId(chooserGroup)) {
            return new KeysetPage<>(List.of(), null); // no session can be in a group that cannot be stored
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        return e.call(NAME, "listByChooserGroup", j -> SessionIndexes.groupPage(j, e.keys(), chooserGroup, after, limit, now));
    }

    @Override
    public KeysetPage<Session> listBySubject(String subject, String afterCursor, int limit) {
        Objects.requireNonNull(subject, "subject");
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        if (!Arguments.isStorableId(subject)) {
            return new KeysetPage<>(List.of(), null); // no session can name a subject that cannot be stored
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        long deadline = System.nanoTime() + e.settings().timeout().toNanos();
        return e.call(NAME, "listBySubject", j -> SessionIndexes.subjectPage(j, e, subject, after, limit, now, deadline));
    }

    @Override
    public int deleteBySubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (!Arguments.isStorableId(subject)) {
            return 0;
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        long deadline = System.nanoTime() + e.settings().timeout().toNanos();
        return e.call(NAME, "deleteBySubject", j -> SessionIndexes.deleteAll(j, e, subject, now, deadline));
    }

    /**
     * Drops the hash a pointer named, only if it still carries that pointer's token (a concurrent
     * save may have re-written that home since). 0 = kept, 1 = dropped expired, 2 = dropped live,
     * 3 = already gone.
     */
    static long drop(UnifiedJedis j, RedisEngine e, byte[] pointer, String sid, Instant now) {
        String home = home(pointer);
        return Values.num(RedisEngine.eval(j, SessionScripts.SESSION_DROP,
                List.of(hashKey(e.keys(), home, sid), indexKey(e.keys(), home)),
                List.of(Arrays.copyOf(pointer, TOKEN_LENGTH), Values.utf8(sid), Micros.bytes(now))));
    }

    /**
     * A read or write that kept losing to concurrent saves of the same session (each re-read
     * showed a newer pointer) until the timeout: it is answered like an engine that did not
     * answer in time, never with a guess.
     */
    static StoreUnavailableException movingTooFast(String op) {
        return new StoreUnavailableException(RedisMessages.NOT_SERVING + " redis sessions." + op
                + ": concurrent saves of the same "
                + "session kept moving it until oidc.store.redis.timeout");
    }

    /**
     * A session from its hash fields d, u, x, t as read, or {@code null} when the hash is absent.
     *
     * @throws DamagedRecordException when a field is missing or does not decode
     */
    static Session decode(List<?> fields, String sessionId) {
        byte[] d = (byte[]) fields.get(0);
        byte[] u = (byte[]) fields.get(1);
        byte[] x = (byte[]) fields.get(2);
        byte[] t = (byte[]) fields.get(3);
        if (d == null && u == null && x == null && t == null) {
            return null;
        }
        if (t == null || t.length != TOKEN_LENGTH) {
            throw new DamagedRecordException("its write token is missing or malformed");
        }
        Session s = fromBody(d, Micros.parse(u), Micros.parse(x));
        if (!s.sessionId().equals(sessionId)) {
            throw new DamagedRecordException("its body names another session");
        }
        return s;
    }

    /** Session body: everything but updatedAt and expiresAt (hash fields {@code u}, {@code x}). */
    static byte[] body(Session s) {
        RecordCodec.Writer w = new RecordCodec.Writer(RecordCodec.FORMAT_1);
        w.string(s.sessionId()).string(s.subject()).string(s.chooserGroup()).instant(s.authTime())
                .string(s.acr()).strings(s.amr()).strings(s.clientIds()).instant(s.createdAt());
        return w.bytes();
    }

    static Session fromBody(byte[] body, Instant updatedAt, Instant expiresAt) {
        return RecordCodec.read(body, "session", r -> Session.builder().sessionId(r.string()).subject(r.string())
                .chooserGroup(r.string()).authTime(r.instant()).acr(r.string()).amr(r.strings())
                .clientIds(r.strings()).createdAt(r.instant()).updatedAt(updatedAt).expiresAt(expiresAt).build());
    }
}
