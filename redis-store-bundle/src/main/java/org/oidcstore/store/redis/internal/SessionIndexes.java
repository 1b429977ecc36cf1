package org.oidcstore.store.redis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.spi.KeysetCursor;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The two secondary indexes of sessions on Redis, each a sorted set of session ids scored by
 * {@code createdAt} in microseconds: a chooser group's ({@code listByChooserGroup}, in the group's
 * slot, changed atomically with its sessions) and a subject's ({@code listBySubject},
 * {@code deleteBySubject}, in the subject's slot, holding hints checked against the sessions).
 * Their rules are given with each half below.
 */
final class SessionIndexes {
    private SessionIndexes() {
    }

    // ---- chooser-group index: listByChooserGroup ----
    /*
     * {@code listByChooserGroup}, one keyset page at a time. The group's index is a sorted set of
     * session ids scored by {@code createdAt} in microseconds; Redis orders equal scores by member
     * (bytes, as {@link java.util.Arrays#compareUnsigned}), so the index order is the listing's order
     * ({@code createdAt}, then id). The script {@code session-after} returns the members strictly after
     * a (score, member) position, found inside one atomic script (no offset that a concurrent delete
     * could shift), then their hashes are read in one script (one slot: the group's hash tag), which
     * also drops index members whose hash is gone; then each survivor's pointer is checked, so a hash
     * left in this group by a session that moved or was deleted meanwhile is never returned. Another
     * batch is read only when some candidates turn out dead, after the last member seen.
     */
    static KeysetPage<Session> groupPage(UnifiedJedis j, RedisKeys keys, String chooserGroup, KeysetCursor after,
            int limit, Instant now) {
        String home = SessionKeys.groupHome(chooserGroup);
        byte[] index = SessionKeys.indexKey(keys, home);
        // the position after which the page starts: a score as Redis parses it, and a member
        byte[] score = after == null ? Values.EMPTY : Micros.bytes(after.micros());
        byte[] member = after == null ? Values.EMPTY : Values.utf8(after.id());
        List<Session> live = new ArrayList<>(limit + 1);
        while (live.size() <= limit) {
            int want = limit + 1 - live.size();
            List<?> batch = (List<?>) RedisEngine.eval(j, SessionScripts.SESSION_AFTER, List.of(index),
                    List.of(score, member, Values.ascii(want)));
            List<byte[]> sids = new ArrayList<>(batch.size() / 2);
            for (int i = 0; i + 1 < batch.size(); i += 2) {
                sids.add((byte[]) batch.get(i));
            }
            live.addAll(liveInGroup(j, keys, home, index, sids, now));
            if (sids.size() < want) {
                break; // the index has nothing more after the position
            }
            // the next batch starts after the last member seen, at the score Redis gave it
            member = sids.get(sids.size() - 1);
            score = (byte[]) batch.get(batch.size() - 1);
        }
        return KeysetPage.of(live, limit, s -> new KeysetCursor(s.createdAt(), s.sessionId()).format());
    }

    private static List<Session> liveInGroup(UnifiedJedis j, RedisKeys keys, String home, byte[] index, List<byte[]> sids,
            Instant now) {
        if (sids.isEmpty()) {
            return List.of();
        }
        List<byte[]> scriptKeys = new ArrayList<>(sids.size() + 1);
        List<byte[]> args = new ArrayList<>(sids.size() + 1);
        args.add(Micros.bytes(now));
        for (byte[] sid : sids) {
            scriptKeys.add(SessionKeys.hashKey(keys, home, Values.utf8(sid)));
            args.add(sid);
        }
        scriptKeys.add(index);
        List<?> rows = (List<?>) RedisEngine.eval(j, SessionScripts.SESSION_LIST, scriptKeys, args);
        List<Session> candidates = new ArrayList<>(rows.size() / 3);
        for (int i = 0; i + 2 < rows.size(); i += 3) {
            candidates.add(RedisSessionStore.fromBody((byte[]) rows.get(i), Micros.parse((byte[]) rows.get(i + 1)),
                    Micros.parse((byte[]) rows.get(i + 2))));
        }
        // the script checked the structure of every hash; a body the record type refuses fails here
        if (candidates.isEmpty()) {
            return List.of();
        }
        // the pointers live in other slots: one pipelined round of GETs
        List<Response<byte[]>> pointers = new ArrayList<>(candidates.size());
        try (AbstractPipeline p = j.pipelined()) {
            for (Session s : candidates) {
                pointers.add(p.get(SessionKeys.pointerKey(keys, s.sessionId())));
            }
            p.sync();
        }
        List<Session> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            byte[] pointer = pointers.get(i).get();
            if (pointer != null && SessionKeys.home(pointer).equals(home)) {
                out.add(candidates.get(i));
            }
        }
        return out;
    }

    // ---- subject index: listBySubject, deleteBySubject ----
    /*
     * The sessions of a subject: {@code listBySubject} and {@code deleteBySubject} over the subject
     * index {@code ses:{u:<subject>}:u}, a sorted set of sids scored by {@code createdAt} in
     * microseconds (the listing's order, as for a group). A session's hash lives in its home's slot,
     * the index in the subject's, so no script spans both: index members are <em>hints</em>, each
     * verified against the session it names (through the pointer, as {@code find} does) before it is
     * listed or deleted.
     *
     * <ul>
     * <li>A save adds the hint before the session becomes visible (before its pointer is published)
     * and again after; a touch adds it again after lengthening the hash, so the index outlives
     * every live member (and a session saved before the index existed gets its hint).</li>
     * <li>A hint whose session is gone, expired or names another subject is removed, and the session
     * is read again after the removal: if it is (now) a live session of the subject, the hint is
     * added back. So a removal racing a save never loses the save's hint: either the save's second
     * add comes after the removal, or the re-read after the removal sees the published pointer.</li>
     * <li>{@code deleteBySubject} walks the index in batches of {@link #BATCH} from the start, by
     * position (never an offset), deletes each verified session like {@code delete} does (a
     * compare-and-delete of its pointer, then a script on its home), then removes its hint the same
     * careful way.</li>
     * </ul>
     *
     * A hint may outlive its session (a save's second add after a concurrent delete): it is never
     * listed, and the next listing or sign-out removes it, or its TTL ends it.
     */

    /** How many hints {@code deleteBySubject} reads per round trip. */
    static final int BATCH = 100;

    /** {@code P ses:{u:<subject>}:u}: the subject index. */
    static byte[] indexKey(RedisKeys keys, String subject) {
        return keys.key("ses:{u:" + RedisKeys.escape(subject) + "}:u");
    }

    /** Adds (or re-scores) the hint of {@code s}, lengthening the index's TTL to at least {@code ttl}. */
    static void add(UnifiedJedis j, RedisKeys keys, Session s, byte[] ttl) {
        RedisEngine.eval(j, SessionScripts.SUBJECT_ADD, List.of(indexKey(keys, s.subject())),
                List.of(ttl, Micros.bytes(s.createdAt()), Values.utf8(s.sessionId())));
    }

    /**
     * After a touch lengthened a session: adds its hint again, which lengthens the index's TTL to at
     * least the session's and gives a hint to a session written before the index existed.
     */
    static void touched(UnifiedJedis j, RedisKeys keys, byte[] body, byte[] ttl) {
        Object[] f = RecordCodec.read(body, "session", r -> {
            String sid = r.string();
            String sub = r.string();
            r.string();
            r.instant();
            r.string();
            r.strings();
            r.strings();
            return new Object[] {sid, sub, r.instant()};
        });
        RedisEngine.eval(j, SessionScripts.SUBJECT_ADD, List.of(indexKey(keys, (String) f[1])),
                List.of(ttl, Micros.bytes((Instant) f[2]), Values.utf8((String) f[0])));
    }

    static KeysetPage<Session> subjectPage(UnifiedJedis j, RedisEngine e, String subject, KeysetCursor after, int limit,
            Instant now, long deadline) {
        RedisKeys keys = e.keys();
        byte[] index = indexKey(keys, subject);
        byte[] score = after == null ? Values.EMPTY : Micros.bytes(after.micros());
        byte[] member = after == null ? Values.EMPTY : Values.utf8(after.id());
        List<Session> live = new ArrayList<>(limit + 1);
        while (live.size() <= limit) {
            int want = limit + 1 - live.size();
            List<?> batch = (List<?>) RedisEngine.eval(j, SessionScripts.SESSION_AFTER, List.of(index),
                    List.of(score, member, Values.ascii(want)));
            for (int i = 0; i + 1 < batch.size(); i += 2) {
                String sid = Values.utf8((byte[]) batch.get(i));
                Session s = RedisSessionStore.read(j, keys, sid, deadline, "listBySubject");
                if (!belongs(s, subject, now)) {
                    prune(j, keys, subject, sid, now, deadline);
                } else if ((double) Micros.of(s.createdAt()) != Double.parseDouble(Values.utf8((byte[]) batch.get(i + 1)))) {
                    // re-saved with another createdAt by racing saves: put the hint at the session's place
                    add(j, keys, s, ttl(s, now));
                } else {
                    live.add(s);
                }
            }
            if (batch.size() / 2 < want) {
                break; // nothing more after the position
            }
            member = (byte[]) batch.get(batch.size() - 2);
            score = (byte[]) batch.get(batch.size() - 1);
        }
        return KeysetPage.of(live, limit, s -> new KeysetCursor(s.createdAt(), s.sessionId()).format());
    }

    static int deleteAll(UnifiedJedis j, RedisEngine e, String subject, Instant now, long deadline) {
        RedisKeys keys = e.keys();
        byte[] index = indexKey(keys, subject);
        byte[] score = Values.EMPTY;
        byte[] member = Values.EMPTY;
        int deleted = 0;
        while (true) {
            List<?> batch = (List<?>) RedisEngine.eval(j, SessionScripts.SESSION_AFTER, List.of(index),
                    List.of(score, member, Values.ascii(BATCH)));
            for (int i = 0; i + 1 < batch.size(); i += 2) {
                String sid = Values.utf8((byte[]) batch.get(i));
                deleted += deleteIf(j, e, sid, subject, now, deadline) ? 1 : 0;
                prune(j, keys, subject, sid, now, deadline);
            }
            if (batch.size() / 2 < BATCH) {
                return deleted;
            }
            member = (byte[]) batch.get(batch.size() - 2);
            score = (byte[]) batch.get(batch.size() - 1);
        }
    }

    /**
     * {@code delete}'s protocol for a session of {@code subject} only: the session the pointer
     * names is checked ({@code session-peek}) and must name the subject; then its pointer is
     * removed by compare-and-delete and its home dropped. {@code true} when a live session was deleted.
     */
    static boolean deleteIf(UnifiedJedis j, RedisEngine e, String sessionId, String subject, Instant now,
            long deadline) {
        byte[] pointerKey = SessionKeys.pointerKey(e.keys(), sessionId);
        while (System.nanoTime() - deadline < 0) {
            byte[] pointer = j.get(pointerKey);
            if (pointer == null) {
                return false;
            }
            String home = SessionKeys.home(pointer);
            Session s = RedisSessionStore.decode((List<?>) RedisEngine.eval(j, SessionScripts.SESSION_PEEK,
                    List.of(SessionKeys.hashKey(e.keys(), home, sessionId),
                            SessionKeys.indexKey(e.keys(), home)), List.of()), sessionId);
            if (s == null) {
                if (Arrays.equals(pointer, j.get(pointerKey))) {
                    return false; // a pointer outliving its hash's TTL: nothing live
                }
                continue; // a concurrent move
            }
            if (!subject.equals(s.subject())) {
                return false;
            }
            if (Values.num(RedisEngine.eval(j, SessionScripts.PTR_DELETE_IF, List.of(pointerKey),
                    List.of(pointer))) == 1) {
                RedisSessionStore.drop(j, e, pointer, sessionId, now);
                return Expiry.isLive(s.expiresAt(), now);
            }
        }
        throw RedisSessionStore.movingTooFast("deleteBySubject");
    }

    private static boolean belongs(Session s, String subject, Instant now) {
        return s != null && subject.equals(s.subject()) && Expiry.isLive(s.expiresAt(), now);
    }

    /** Removes a hint, then reads its session again and adds the hint back if it is (now) a live one of the subject. */
    static void prune(UnifiedJedis j, RedisKeys keys, String subject, String sid, Instant now, long deadline) {
        RedisEngine.eval(j, SessionScripts.SUBJECT_REMOVE, List.of(indexKey(keys, subject)), List.of(Values.utf8(sid)));
        Session s = RedisSessionStore.read(j, keys, sid, deadline, "prune");
        if (belongs(s, subject, now)) {
            add(j, keys, s, ttl(s, now));
        }
    }

    private static byte[] ttl(Session s, Instant now) {
        return Values.ascii(Values.ttl(s.expiresAt(), now, Values.RECORD_TTL_FLOOR));
    }

}
