package org.oidcstore.store.redis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.Session;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code listByChooserGroup}: the group's index and hashes are read in one script (one slot), then
 * each member's pointer is checked, so a hash left in this group by a session that moved or was
 * deleted meanwhile is never returned.
 */
final class SessionLister {
    private SessionLister() {
    }

    static List<Session> list(UnifiedJedis j, RedisKeys keys, String chooserGroup, Instant now) {
        String home = RedisKeys.groupHome(chooserGroup);
        byte[] index = keys.sessionIndex(home);
        List<byte[]> members = j.zrange(index, 0, -1);
        if (members.isEmpty()) {
            return List.of();
        }
        List<byte[]> scriptKeys = new ArrayList<>(members.size() + 1);
        List<byte[]> args = new ArrayList<>(members.size() + 1);
        args.add(Micros.bytes(now));
        for (byte[] sid : members) {
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
