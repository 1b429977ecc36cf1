package org.oidcstore.bench;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Random bearer values as a provider issues them: 32 random bytes, base64url (43 characters). */
final class Tokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    static String random() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return B64.encodeToString(b);
    }
}
