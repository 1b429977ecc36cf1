package org.oidcstore.store.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by {@code EVALSHA}. The SHA-1 is computed here, the same way Redis does, so a
 * script never needs to be sent in full unless the server answers {@code NOSCRIPT} (after a
 * restart, {@code SCRIPT FLUSH}, a failover or on a cluster node that has not seen it).
 */
record LuaScript(String name, byte[] source, byte[] sha1) {

    static LuaScript of(String name, String source) {
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(src));
            return new LuaScript(name, src, hex.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + "]";
    }
}
