package org.oidcstore.store.memory.internal;

/**
 * Every message id the memory tier uses, the one place it spells them (a test ties each to
 * {@code docs/message-ids.md}, which says what it means and how to fix it). A message starts with
 * its id, then a space.
 */
public final class MemoryMessages {
    /** oidc.store.memory.capacity below 1 or not a whole number. */
    public static final String CAPACITY_INVALID = "OIDCS-1101";
    /** oidc.store.memory.sweep-batch outside 1 – 100000 or not a whole number. */
    public static final String SWEEP_BATCH_INVALID = "OIDCS-1103";
    /** oidc.store.memory.max-value-bytes out of range or not a whole number. */
    public static final String MAX_VALUE_BYTES_INVALID = "OIDCS-1104";
    /** the retired oidc.store.memory.max-state-bytes is set. */
    public static final String RETIRED_MAX_STATE_BYTES = "OIDCS-1105";
    /** a substore is full; the write was refused. */
    public static final String SUBSTORE_FULL = "OIDCS-1110";

    private MemoryMessages() {
    }
}
