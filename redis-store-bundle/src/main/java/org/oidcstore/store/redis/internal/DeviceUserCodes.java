package org.oidcstore.store.redis.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import redis.clients.jedis.UnifiedJedis;

/**
 * The user-code index of the Redis device authorizations: one reservation
 * {@code P dev:uc:<ud>} per user code, a string {@code "<expiresAt> <dd>"} naming the device
 * record, with the record's TTL. It lives in another hash slot than the record it names, so it is
 * never trusted alone: a reservation is taken before its record is written (so two saves of one
 * live user code never both pass), and a lookup follows it only to a live record whose {@code u}
 * field is this user code's digest (the record itself is then checked whole: decoded, or by the
 * script that acts on it).
 */
final class DeviceUserCodes {
    private DeviceUserCodes() {
    }

    /** KEYS[1] a reservation; ARGV: now, value, ttl. 0 = held by one not past its expiry; 1 = reserved. */
    static final LuaScript RESERVE = LuaChecks.checked("device-reserve", LuaChecks.CORE, """
            local c = redis.call('GET', KEYS[1])
            if c then
              local x = string.match(c, '^(%-?%d+) [^ ]+$')
              if not x then damaged() end
              if num(x) > tonumber(ARGV[1]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);

    /** KEYS[1] a reservation; ARGV: the value this save wrote. Deletes it only if it still holds that value. */
    static final LuaScript RELEASE = LuaScript.of("device-release", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /** {@code P dev:uc:<ud>}: the user code's reservation. */
    static byte[] key(RedisKeys keys, String userDigest) {
        return keys.key("dev:uc:" + userDigest);
    }

    /** Best effort: a release that fails leaves the reservation until its expiry (never a duplicate). */
    static void release(UnifiedJedis j, byte[] userKey, byte[] reservation) {
        try {
            RedisEngine.eval(j, RELEASE, List.of(userKey), List.of(reservation));
        } catch (RuntimeException e) {
            RedisEngine.LOG.log(System.Logger.Level.DEBUG, "device-release failed; the reservation expires with "
                    + "the refused record", e);
        }
    }

    /**
     * The key of the record the reservation of {@code userDigest} names, when that reservation is
     * not past its expiry; null otherwise. One GET: whoever acts on the key checks that the record
     * is live and holds this user code ({@link #resolve}, or the script that acts).
     *
     * @param recordKey the key of the record a device-code digest names
     * @throws DamagedRecordException when the reservation is malformed
     */
    static byte[] reserved(UnifiedJedis j, RedisEngine e, String userDigest, Instant now,
            BiFunction<RedisKeys, String, byte[]> recordKey) {
        Reserved r = reservation(j, e, userDigest, now, recordKey);
        return r == null ? null : r.key();
    }

    /** A reservation not past its expiry: the key of the record it names and that record's expiry. */
    record Reserved(byte[] key, Instant expiresAt) {
    }

    /** As {@link #reserved}, with the expiry the reservation carries (the record's, when it holds this user code). */
    static Reserved reservation(UnifiedJedis j, RedisEngine e, String userDigest, Instant now,
            BiFunction<RedisKeys, String, byte[]> recordKey) {
        byte[] r = j.get(key(e.keys(), userDigest));
        if (r == null) {
            return null;
        }
        String value = Values.utf8(r);
        int space = value.indexOf(' ');
        if (space < 1 || space == value.length() - 1 || value.indexOf(' ', space + 1) >= 0) {
            throw new DamagedRecordException("a user-code reservation is malformed");
        }
        Instant expiresAt = Micros.parse(Values.ascii(value.substring(0, space)));
        if (!expiresAt.isAfter(now)) {
            return null;
        }
        return new Reserved(recordKey.apply(e.keys(), value.substring(space + 1)), expiresAt);
    }

    /**
     * The record named by the reservation of {@code userDigest}, with its fields, when that record
     * is live and holds this user code; null otherwise. Two round trips (GET, HMGET).
     *
     * @param recordKey the key of the record a device-code digest names
     * @throws DamagedRecordException when the reservation or the record's expiry or user-code field is damaged
     */
    static Found resolve(UnifiedJedis j, RedisEngine e, String userDigest, Instant now,
            BiFunction<RedisKeys, String, byte[]> recordKey) {
        byte[] key = reserved(j, e, userDigest, now, recordKey);
        if (key == null) {
            return null;
        }
        List<byte[]> v = j.hmget(key, ApprovalScripts.FIELDS);
        if (ApprovalScripts.absent(v)) {
            return null;
        }
        if (v.get(ApprovalScripts.U) == null) {
            throw new DamagedRecordException("a device authorization has no user-code digest");
        }
        if (!userDigest.equals(Values.utf8(v.get(ApprovalScripts.U)))
                || !Micros.parse(v.get(ApprovalScripts.X)).isAfter(now)) {
            return null; // a stale reservation (the device code was saved again with another user code), or expired
        }
        return new Found(key, userDigest, v);
    }

    /** A live record found through a user code; {@code fields} null when only the reservation was read. */
    record Found(byte[] key, String userDigest, List<byte[]> fields) {
    }
}
