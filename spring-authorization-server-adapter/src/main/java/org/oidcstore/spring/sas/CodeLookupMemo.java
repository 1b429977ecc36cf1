package org.oidcstore.spring.sas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * SAS looks a code up twice per redemption, back to back on the request's thread
 * ({@code CodeVerifierAuthenticator} for PKCE, then {@code OAuth2AuthorizationCodeAuthenticationProvider}).
 * This remembers the last code lookup of the calling thread, keyed by the SHA-256 of the value
 * (never the value), and answers the next lookup of the same value from it once, within
 * {@link #WINDOW_NANOS}; any save or remove on the thread forgets it.
 *
 * <p>This decides nothing: single use is decided by the store's {@code consume} when the aggregate
 * is saved, so an answer at most one lookup old can only let SAS reach the save, whose consume then
 * fails with {@code invalid_grant} and revokes the grant, as a concurrent redemption would.
 */
final class CodeLookupMemo {
    /** How long a lookup may be answered again; the two lookups of a redemption are microseconds apart. */
    static final long WINDOW_NANOS = 1_000_000_000L;

    private record Entry(byte[] digest, OAuth2Authorization found, long at) {
    }

    private final ThreadLocal<Entry> last = new ThreadLocal<>();

    /** The authorization of code {@code value}: the remembered one, else {@code find}'s answer (remembered when not null). */
    OAuth2Authorization lookup(String value, Function<String, OAuth2Authorization> find) {
        byte[] digest = sha256(value);
        Entry e = last.get();
        if (e != null) {
            last.remove();
            if (System.nanoTime() - e.at() < WINDOW_NANOS && MessageDigest.isEqual(e.digest(), digest)) {
                return e.found();
            }
        }
        OAuth2Authorization found = find.apply(value);
        if (found != null) {
            last.set(new Entry(digest, found, System.nanoTime()));
        }
        return found;
    }

    /** Forgets the calling thread's last lookup. */
    void forget() {
        last.remove();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
