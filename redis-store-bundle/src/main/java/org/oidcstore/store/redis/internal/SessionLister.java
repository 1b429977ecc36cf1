package org.oidcstore.store.redis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.spi.KeysetCursor;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;

/**
 * {@code listByChooserGroup}, one keyset page at a time. The group's index is a sorted set of
 * session ids scored by {@code createdAt} in microseconds; Redis orders equal scores by member
 * (bytes, as {@link Arrays#compareUnsigned}), so the index order is the listing's order
 * ({@code createdAt}, then id) and a page starts right after the cursor's (score, member).
 * Candidates are read in batches of at most {@code limit + 1} from the index, their hashes in one
 * script (one slot: the group's hash tag), which also drops index members whose hash is gone; then
 * each survivor's pointer is checked, so a hash left in this group by a session that moved or was
 * deleted meanwhile is never returned. Another batch is read only when some candidates turn out
 * dead, continuing from the last member seen (a keyset, not an offset, so concurrent changes of
 * the index cannot make the page skip or repeat a member).
 */
final class SessionLister {
    private SessionLister() {
    }

    static KeysetPage<Session> page(UnifiedJedis j, RedisKeys keys, String chooserGroup, KeysetCursor after,
            int limit, Instant now) {
        String home = RedisKeys.groupHome(chooserGroup);
        byte[] index = keys.sessionIndex(home);
        double fromScore = after == null ? Double.NEGATIVE_INFINITY : after.micros();
        byte[] afterId = after == null ? null : Values.utf8(after.id());
        List<Session> live = new ArrayList<>(limit + 1);
        int skip = 0; // members at the cursor's score up to the cursor's id: a prefix of the range
        while (live.size() <= limit) {
            int want = limit + 1 - live.size();
            // ZRANGE … BYSCORE LIMIT (Redis 6.2+): the ACL's +zrange covers it, no new command to grant
            List<Tuple> batch = j.zrangeWithScores(index,
                    ZRangeParams.zrangeByScoreParams(fromScore, Double.POSITIVE_INFINITY).limit(skip, want));
            List<byte[]> sids = new ArrayList<>(batch.size());
            for (Tuple t : batch) {
                if (afterId == null || t.getScore() > fromScore
                        || Arrays.compareUnsigned(t.getBinaryElement(), afterId) > 0) {
                    sids.add(t.getBinaryElement());
                }
            }
            live.addAll(live(j, keys, home, index, sids, now));
            if (batch.size() < want) {
                break; // the index has nothing more after the cursor
            }
            if (sids.isEmpty()) {
                skip += batch.size(); // a run of equal scores at or before the cursor's id
            } else {
                Tuple last = batch.get(batch.size() - 1);
                fromScore = last.getScore();
                afterId = last.getBinaryElement();
                skip = 0;
            }
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
            scriptKeys.add(keys.session(home, Values.utf8(sid)));
            args.add(sid);
        }
        scriptKeys.add(index);
        List<?> rows = (List<?>) RedisEngine.eval(j, SessionScripts.SESSION_LIST, scriptKeys, args);
        List<Session> candidates = new ArrayList<>(rows.size() / 3);
        for (int i = 0; i + 2 < rows.size(); i += 3) {
            candidates.add(RecordCodec.session((byte[]) rows.get(i), Micros.parse((byte[]) rows.get(i + 1)),
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
                pointers.add(p.get(keys.sessionPointer(s.sessionId())));
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
