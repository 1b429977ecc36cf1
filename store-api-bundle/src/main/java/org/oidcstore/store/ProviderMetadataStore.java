package org.oidcstore.store;

import java.util.Optional;
import org.oidcstore.store.spi.SingleWinner;

/**
 * Provider-wide invariants that must survive restarts ({@link StoreKind#PROVIDER_METADATA}): a
 * small key/value map, e.g. the subject-identifier mode once tokens have been issued under it,
 * which a later start must not silently change. Durable by default and outside the transactional
 * cluster. Nothing here expires.
 *
 * <p>Keys are identifiers ({@link Limits}: not blank, at most {@value Limits#MAX_ID_LENGTH}
 * characters); values are text of at most {@value Limits#MAX_TEXT_LENGTH} characters, compared
 * exactly (code point for code point). A key that could never have been stored is absent.
 * Values are not secrets: never keep a credential here.
 */
public interface ProviderMetadataStore {

    /** The value of {@code key}; empty when it was never set. */
    Optional<String> get(String key);

    /**
     * Sets {@code key} to {@code value}, replacing any value: idempotent (setting the same value
     * again changes nothing).
     *
     * @throws IllegalArgumentException when the key or value is outside {@link Limits}; nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    void set(String key, String value);

    /**
     * Sets {@code key} to {@code value} only if its stored value is {@code expected}, or, with
     * {@code expected == null}, only if the key is absent ("write once"), in one engine
     * operation: of concurrent calls with the same {@code expected} exactly one wins.
     *
     * @return {@code true} when this call wrote; {@code false} when the stored value was not
     *     {@code expected} (nothing is written)
     * @throws IllegalArgumentException when a value is outside {@link Limits}, or when
     *     {@code expected} is {@code null} (a write that would create the key) and the key is outside
     *     them; a key outside them with a non-null {@code expected} is absent, so the answer is
     *     {@code false}. Nothing is written.
     * @throws NullPointerException when {@code key} or {@code value} is null
     */
    @SingleWinner
    boolean compareAndSet(String key, String expected, String value);
}
