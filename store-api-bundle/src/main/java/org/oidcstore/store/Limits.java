package org.oidcstore.store;

import java.time.Instant;

/**
 * The input limits every record and every store operation enforces, identical on every backend,
 * so that a value one engine accepts is never refused by another (or silently truncated). A value
 * outside them raises {@link IllegalArgumentException} before anything is written; the message
 * names the field, never the value.
 *
 * <ul>
 *   <li><b>Identifiers and bearer secrets</b> (ids, codes, tokens, JWT IDs, request URIs): not
 *       blank, at most {@value #MAX_ID_LENGTH} characters, well-formed UTF-16 (no lone surrogate,
 *       which UTF-8 encoders replace with {@code ?} and would make two ids collide), and no control
 *       character (C0, DEL, C1) or line/paragraph separator (they would reach logs and messages).
 *       A lookup with an identifier that could never have been stored is simply empty.</li>
 *   <li><b>Every other string</b>: well-formed UTF-16 and no NUL (PostgreSQL cannot store it);
 *       single text fields at most {@value #MAX_TEXT_LENGTH} characters.</li>
 *   <li><b>Collections</b> (sets, lists, maps; a map's keys and values together): at most
 *       {@value #MAX_ELEMENTS} elements, each at most {@value #MAX_ELEMENT_LENGTH} characters, and
 *       at most {@value #MAX_COLLECTION_BYTES} bytes of UTF-8 in all.</li>
 *   <li><b>Instants</b>: from {@link #MIN_INSTANT} to {@link #MAX_INSTANT} (what every engine's
 *       timestamp type holds), kept at microsecond precision.</li>
 * </ul>
 */
public final class Limits {

    /** Longest identifier or bearer secret, in UTF-16 code units. */
    public static final int MAX_ID_LENGTH = 512;
    /** Longest single text field (a redirect URI, a nonce, a client name…), in UTF-16 code units. */
    public static final int MAX_TEXT_LENGTH = 4096;
    /** Most elements of one collection (a map counts its entries, a multi-valued map its values). */
    public static final int MAX_ELEMENTS = 256;
    /** Longest element of a collection (or map key or value), in UTF-16 code units. */
    public static final int MAX_ELEMENT_LENGTH = 4096;
    /** Most UTF-8 bytes of all strings of one collection together. */
    public static final int MAX_COLLECTION_BYTES = 65_536;
    /** Longest inline JWK Set of a client, in UTF-16 code units. */
    public static final int MAX_JWKS_LENGTH = 65_536;
    /** Largest opaque context of an authorization ({@link AuthorizationContext#context()}), in bytes (64 KiB). */
    public static final int MAX_CONTEXT_BYTES = 65_536;
    /**
     * Longest ID token an {@link AuthorizationContextStore} binds to a grant, in UTF-16 code units
     * (16 KiB): a signed JWT, longer than an identifier, that the store keeps only as a digest.
     */
    public static final int MAX_ID_TOKEN_LENGTH = 16_384;
    /** Largest page a keyset listing returns. */
    public static final int MAX_PAGE_SIZE = 1000;
    /** Earliest instant a record or operation accepts. */
    public static final Instant MIN_INSTANT = Instant.EPOCH;
    /** Latest instant a record or operation accepts: the end of year 9999 (MariaDB's limit), at microsecond precision. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Limits() {
    }
}
