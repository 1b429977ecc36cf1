package org.oidcstore.store.redis.internal;

import java.util.List;

/**
 * The scripts of the Redis device authorizations besides the shared {@link ApprovalScripts}: the
 * counters of the record's hash (strikes {@code k}, poll violations {@code v}) and the user-code
 * reservations of {@link DeviceUserCodes}.
 */
final class DeviceScripts {
    private DeviceScripts() {
    }

    /**
     * KEYS[1] a record; ARGV: now, kind, layout, the user-code digest it must hold ('' = any), the
     * counter field (k or v). {0} absent, expired or not this user code's; {1, count} counted (HSET of the
     * checked count plus one: the tier's ACL needs no HINCRBY).
     */
    static final LuaScript COUNT = LuaChecks.checked("device-count", ApprovalScripts.LOAD_CHECKS, """
            local v, x = load()
            if not v or x <= tonumber(ARGV[1]) or (ARGV[4] ~= '' and v[7] ~= ARGV[4]) then return {0} end
            local n = tonumber(v[ARGV[5] == 'k' and 8 or 9]) + 1
            redis.call('HSET', KEYS[1], ARGV[5], string.format('%d', n))
            return {1, n}
            """);

    /** The scripts of this kind, loaded at start next to {@link ApprovalScripts#SCRIPTS} ({@link RedisKinds#SCRIPTS}). */
    static final List<LuaScript> SCRIPTS = List.of(DeviceUserCodes.RESERVE, DeviceUserCodes.RELEASE, COUNT);
}
