package org.oidcstore.store.spi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.oidcstore.store.Limits;

/**
 * The argument rules of {@link Limits}, for records and for backends' operations, so that every
 * backend refuses and accepts exactly the same values. Messages name the argument, never its
 * value (a value may be a bearer secret, or carry CR/LF into a log).
 *
 * <p>Write paths call {@link #id} and {@link #instant}: a bad value raises
 * {@link IllegalArgumentException} (or {@link NullPointerException} for a missing one) before
 * anything is written. Lookup paths call {@link #isStorableId} and answer "absent" for an
 * identifier that could never have been stored, without asking the engine.
 */
public final class Arguments {
    private Arguments() {
    }

    /**
     * A required identifier or bearer secret: not null, not blank, at most
     * {@link Limits#MAX_ID_LENGTH} characters, well-formed UTF-16, no control character or
     * line/paragraph separator.
     *
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when it breaks another rule
     */
    public static String id(String value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is required");
        }
        String problem = idProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(name + " " + problem);
        }
        return value;
    }

    /** Whether {@code value} could be stored as an identifier ({@link #id} would accept it). */
    public static boolean isStorableId(String value) {
        return value != null && idProblem(value) == null;
    }

    /**
     * A required bearer value longer than an identifier may be (an ID token: a signed JWT of up to
     * {@code maxLength} characters, which a store keeps only as a digest): the rules of {@link #id}
     * with {@code maxLength} for {@link Limits#MAX_ID_LENGTH}.
     *
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when it breaks another rule
     */
    public static String token(String value, String name, int maxLength) {
        if (value == null) {
            throw new NullPointerException(name + " is required");
        }
        String problem = idProblem(value, maxLength);
        if (problem != null) {
            throw new IllegalArgumentException(name + " " + problem);
        }
        return value;
    }

    /** Whether {@code value} could be stored as a bearer value of at most {@code maxLength} characters ({@link #token}). */
    public static boolean isStorableToken(String value, int maxLength) {
        return value != null && idProblem(value, maxLength) == null;
    }

    private static String idProblem(String value) {
        return idProblem(value, Limits.MAX_ID_LENGTH);
    }

    private static String idProblem(String value, int maxLength) {
        if (value.isBlank()) {
            return "must not be blank";
        }
        if (value.length() > maxLength) {
            return "is longer than " + maxLength + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return "must not contain control characters or line separators";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return "is not well-formed UTF-16 (lone surrogate)";
                }
            }
        }
        return null;
    }

    /**
     * An optional string that is not an identifier: null, or well-formed UTF-16 without NUL and at
     * most {@code maxLength} characters.
     */
    public static String text(String value, String name, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException(name + " must not contain NUL characters");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException(name + " is not well-formed UTF-16 (lone surrogate)");
                }
            }
        }
        return value;
    }

    /**
     * An optional instant within {@link Limits#MIN_INSTANT} … {@link Limits#MAX_INSTANT},
     * truncated to microseconds (the finest precision MariaDB and PostgreSQL keep, so a record
     * reads back equal on every backend).
     *
     * @return {@code null} for {@code null}, else the truncated instant
     * @throws IllegalArgumentException when out of range
     */
    public static Instant instant(Instant value, String name) {
        if (value == null) {
            return null;
        }
        if (value.isBefore(Limits.MIN_INSTANT) || value.isAfter(Limits.MAX_INSTANT)) {
            throw new IllegalArgumentException(name + " is outside " + Limits.MIN_INSTANT + " … " + Limits.MAX_INSTANT);
        }
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    /** As {@link #instant}, but {@code null} raises {@link NullPointerException}. */
    public static Instant requiredInstant(Instant value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is required");
        }
        return instant(value, name);
    }

    /**
     * {@code RefreshRetryResponses.MAX_RESPONSE_BYTES}, repeated here because this package does not
     * depend on the substore interfaces (a test ties the two).
     */
    public static final int MAX_RETRY_RESPONSE_BYTES = 65_536;

    /**
     * The arguments of {@code RefreshRetryResponses.saveWithRetryResponse} beyond the successor:
     * a parent token ({@link #id}), a response of 1 to {@link #MAX_RETRY_RESPONSE_BYTES} bytes
     * ({@code RefreshRetryResponses.MAX_RESPONSE_BYTES}) and a retention
     * instant in range, every one required. Nothing is echoed: the values are bearer secrets.
     *
     * @return {@code retainUntil} truncated as {@link #instant} truncates
     * @throws IllegalArgumentException when any of them is missing or breaks its rule
     */
    public static Instant retryResponse(String parentToken, byte[] sealedResponse, Instant retainUntil) {
        if (parentToken == null) {
            throw new IllegalArgumentException("parentToken is required: a chain root has no predecessor to retry");
        }
        id(parentToken, "parentToken");
        if (sealedResponse == null || sealedResponse.length == 0) {
            throw new IllegalArgumentException("sealedResponse is required and must not be empty");
        }
        if (sealedResponse.length > MAX_RETRY_RESPONSE_BYTES) {
            throw new IllegalArgumentException("sealedResponse is " + sealedResponse.length + " bytes, more than "
                    + MAX_RETRY_RESPONSE_BYTES);
        }
        if (retainUntil == null) {
            throw new IllegalArgumentException("retainUntil is required");
        }
        return instant(retainUntil, "retainUntil");
    }

    /**
     * An expiry given to an operation ({@code mark}, {@code touch}…): in range and after
     * {@code now}.
     *
     * @throws IllegalArgumentException when out of range or not after {@code now}
     */
    public static Instant futureInstant(Instant value, String name, Instant now) {
        Instant v = requiredInstant(value, name);
        if (!v.isAfter(now)) {
            throw new IllegalArgumentException(name + " must be after the store clock's instant");
        }
        return v;
    }

    /**
     * A purge cutoff: in range and not after {@code now} (a cutoff in the future would delete live
     * entries, e.g. revive revoked tokens by dropping their tombstones).
     */
    public static Instant pastCutoff(Instant cutoff, Instant now) {
        Instant v = requiredInstant(cutoff, "cutoff");
        if (v.isAfter(now)) {
            throw new IllegalArgumentException("cutoff must not be after the store clock's instant");
        }
        return v;
    }

    /** A page size: {@code 1 … }{@link Limits#MAX_PAGE_SIZE}. */
    public static int pageSize(int limit) {
        if (limit <= 0 || limit > Limits.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + Limits.MAX_PAGE_SIZE);
        }
        return limit;
    }
}
