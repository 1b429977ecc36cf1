package org.oidcstore.store.redis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.spi.KeysetCursor;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
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
final class SessionLister {
    private SessionLister() {
    }

    static KeysetPage<Session> page(UnifiedJedis j, RedisKeys keys, String chooserGroup, KeysetCursor after,
            int limit, Instant now) {
        String home = RedisSessionStore.groupHome(chooserGroup);
        byte[] index = RedisSessionStore.indexKey(keys, home);
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
            live.addAll(live(j, keys, home, index, sids, now));
            if (sids.size() < want) {
                break; // the index has nothing more after the position
            }
            // the next batch starts after the last member seen, at the score Redis gave it
            member = sids.get(sids.size() - 1);
            score = (byte[]) batch.get(batch.size() - 1);
        }
        return KeysetPage.of(live, limit, s -> new KeysetCursor(s.createdAt(), s.sessionId()).format());
    }

    private static List<Session> live(UnifiedJedis j, RedisKeys keys, String home, byte[] index, List<byte[]> sids,
            Instant now) {
        if (sids.isEmpty()) {
            return List.of();
        }
        List<byte[]> scriptKeys = new ArrayList<>(sids.size() + 1);
        List<byte[]> args = new ArrayList<>(sids.size() + 1);
        args.add(Micros.bytes(now));
        for (byte[] sid : sids) {
            scriptKeys.add(RedisSessionStore.hashKey(keys, home, Values.utf8(sid)));
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
                pointers.add(p.get(RedisSessionStore.pointerKey(keys, s.sessionId())));
            }
            p.sync();
        }
        List<Session> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            byte[] pointer = pointers.get(i).get();
            if (pointer != null && RedisSessionStore.home(pointer).equals(home)) {
                out.add(candidates.get(i));
            }
        }
        return out;
    }
}
