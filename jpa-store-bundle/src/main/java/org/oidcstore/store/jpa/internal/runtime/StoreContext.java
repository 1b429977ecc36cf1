package org.oidcstore.store.jpa.internal.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;

/**
 * What every store of the tier computes its statements' values with, apart from the transaction
 * ({@link TxRunner}): the engine's dialect, the store clock (as stored: floored to the microsecond)
 * and the digest of bearer secrets. Immutable, shared by every store of one aggregate.
 */
public final class StoreContext {
    private final Dialect dialect;
    private final Clock clock;
    private final SecretDigest digest;
    private final Duration jwtIdClockSkew;

    public StoreContext(Dialect dialect, Clock clock, StoreSettings shared) {
        this.dialect = dialect;
        this.clock = clock;
        this.digest = shared.digest();
        this.jwtIdClockSkew = shared.jwtIdClockSkew();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The store clock's instant, floored to the microsecond (see {@link Times#now}). */
    public Instant now() {
        return Times.now(clock);
    }

    public LocalDateTime dbNow() {
        return Times.db(now());
    }

    /**
     * A purge cutoff as stored (floored to the microsecond, like every stored instant), refused when
     * it is after the store clock's instant: a future cutoff would delete live records (a live
     * tombstone deleted re-validates the revoked JWTs it guards).
     *
     * @throws IllegalArgumentException when {@code cutoff} is after the store clock's instant
     */
    public LocalDateTime purgeCutoff(Instant cutoff) {
        return Times.db(Arguments.pastCutoff(cutoff, now()));
    }

    /** How long past its expiry a JWT-ID marker is kept before the GC may delete it. */
    public Duration jwtIdClockSkew() {
        return jwtIdClockSkew;
    }

    /** The digest a write stores: the newest pepper's. */
    public String digest(StoreKind kind, String secret) {
        return digest.digest(kind, secret);
    }

    /**
     * Every digest a stored record of {@code secret} may have, newest pepper first: what a lookup
     * binds to {@link Sql#digestIn}'s markers, in one statement.
     */
    public List<String> digests(StoreKind kind, String secret) {
        return digest.digests(kind, secret);
    }

    /** How many digests {@link #digests} returns: one per configured pepper (one without a pepper). */
    public int digestCount() {
        return Math.max(1, digest.pepperCount());
    }

    /**
     * The sealed form of a secret the store must give back (the CIBA client notification token),
     * under the newest pepper ({@link SecretDigest#seal}).
     */
    public String seal(StoreKind kind, String secret) {
        return digest.seal(kind, secret);
    }

    /** A {@link #seal}ed secret opened under any configured pepper; empty when none opens it. */
    public java.util.Optional<String> unseal(StoreKind kind, String sealed) {
        return digest.unseal(kind, sealed);
    }

    /** Bytes sealed under the newest pepper, bound to {@code boundTo} ({@link SecretDigest#sealBytes}). */
    public byte[] sealBytes(StoreKind kind, byte[] plain, String boundTo) {
        return digest.sealBytes(kind, plain, boundTo);
    }

    /** {@link #sealBytes sealed} bytes opened under any configured pepper; empty when none opens them. */
    public java.util.Optional<byte[]> unsealBytes(StoreKind kind, byte[] sealed, String boundTo) {
        return digest.unsealBytes(kind, sealed, boundTo);
    }

    /** The final, constant-time check after a lookup by digest. */
    public boolean matches(StoreKind kind, String secret, String storedDigest) {
        return digest.matches(kind, secret, storedDigest);
    }
}
