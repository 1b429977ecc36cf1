package org.oidcstore.store.tck.reference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.ValueSize;

/**
 * What the reference backend's stores are built from: the engine's data, the clock, the digest of
 * bearer secrets and the settings. A store {@linkplain #withDigest reopened} with another digest
 * (another pepper list) works on the same data.
 *
 * @param data the tables, shared by every store over them
 * @param clock the clock every expiry is judged by
 * @param digest the digest of bearer secrets (newest pepper first)
 * @param jwtIdClockSkew how long past its expiry a JWT-ID marker is kept
 * @param maxValueBytes the largest session, interaction, pushed request, device authorization or backchannel request ({@link ValueSize}); empty for none
 */
record ReferenceParts(ReferenceData data, Clock clock, SecretDigest digest, Duration jwtIdClockSkew,
        OptionalInt maxValueBytes) {

    Instant now() {
        return clock.instant();
    }

    ReferenceParts withDigest(SecretDigest other) {
        return new ReferenceParts(data, clock, other, jwtIdClockSkew, maxValueBytes);
    }

    /**
     * The key under which {@code rows} hold {@code secret} of {@code kind}: the first of its digests
     * (newest pepper first) that has a row, or {@code null}. A value that could never have been
     * stored ({@link Arguments#isStorableId}) has none.
     */
    String keyOf(Map<String, ?> rows, StoreKind kind, String secret) {
        if (!Arguments.isStorableId(secret)) {
            return null;
        }
        for (String d : digest.digests(kind, secret)) {
            if (rows.containsKey(d)) {
                return d;
            }
        }
        return null;
    }

    /** Refuses a record of {@code kind} larger than {@link #maxValueBytes}, before anything is written. */
    void checkSize(long size, StoreKind kind) {
        if (maxValueBytes.isPresent()) {
            ValueSize.check(size, maxValueBytes.getAsInt(), kind.configName(), "max-value-bytes");
        }
    }
}
