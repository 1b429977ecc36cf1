package org.oidcstore.store.redis.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The keys of the Redis sessions and the format of the sid pointer (protocol in {@link RedisKeys}):
 * a session lives in the hash {@code P ses:{<home>}:s:<sid>} of its home (its chooser group
 * {@code g:<group>}, or the session itself {@code n:<sid>} when it has none), listed by the home's
 * group index {@code P ses:{<home>}:i}; the pointer {@code P ses:ptr:<sid>} holds the write token
 * of the save that published it followed by that home.
 */
final class SessionKeys {
    /** Write tokens are 16 random bytes in base64url: always 22 ASCII characters (the scripts rely on it). */
    static final int TOKEN_LENGTH = SessionScripts.TOKEN_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionKeys() {
    }

    /** A fresh write token. */
    static String token() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * The home a pointer names (after its 22-character write token).
     *
     * @throws DamagedRecordException when the pointer is not a token followed by a home
     */
    static String home(byte[] pointer) {
        if (pointer.length <= TOKEN_LENGTH + 2 || pointer[TOKEN_LENGTH + 1] != ':'
                || pointer[TOKEN_LENGTH] != 'g' && pointer[TOKEN_LENGTH] != 'n') {
            throw new DamagedRecordException("a session pointer is malformed");
        }
        return Values.utf8(Arrays.copyOfRange(pointer, TOKEN_LENGTH, pointer.length));
    }

    /** {@code P ses:ptr:<sid>}: the session's pointer (write token + home). */
    static byte[] pointerKey(RedisKeys keys, String sessionId) {
        return keys.key("ses:ptr:" + RedisKeys.escape(sessionId));
    }

    /** {@code P ses:{<home>}:s:<sid>}: the session hash. */
    static byte[] hashKey(RedisKeys keys, String home, String sessionId) {
        return keys.key("ses:{" + home + "}:s:" + RedisKeys.escape(sessionId));
    }

    /** {@code P ses:{<home>}:i}: the group index of a home. */
    static byte[] indexKey(RedisKeys keys, String home) {
        return keys.key("ses:{" + home + "}:i");
    }

    /** The home of a session: its chooser group, or the session itself when it has none. */
    static String home(String chooserGroup, String sessionId) {
        return chooserGroup != null ? groupHome(chooserGroup) : "n:" + RedisKeys.escape(sessionId);
    }

    static String groupHome(String chooserGroup) {
        return "g:" + RedisKeys.escape(chooserGroup);
    }
}
