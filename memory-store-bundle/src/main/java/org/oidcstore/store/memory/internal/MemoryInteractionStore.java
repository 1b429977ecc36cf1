package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.ValueSize;

/** Interactions with byte-exact compare-and-swap decided inside one atomic {@code compute}. */
final class MemoryInteractionStore implements InteractionCompareAndSwap {
    private final ExpiringMap<Interaction> interactions;
    private final int maxValueBytes;

    static MemoryInteractionStore of(MemoryParts p) {
        return new MemoryInteractionStore(p.map(StoreKind.INTERACTIONS, null), p.settings().maxValueBytes());
    }

    MemoryInteractionStore(ExpiringMap<Interaction> interactions, int maxValueBytes) {
        this.interactions = interactions;
        this.maxValueBytes = maxValueBytes;
    }

    /** Refuses an oversized interaction before the atomic section, so a refused write changes nothing. */
    private Interaction checked(Interaction i, String name) {
        Objects.requireNonNull(i, name);
        ValueSize.check(ValueSize.of(i), maxValueBytes, StoreKind.INTERACTIONS.configName(),
                MemorySettings.MAX_VALUE_BYTES_KEY);
        return i;
    }

    /** Whether {@code interactionId} could have been saved (the record refuses the others); null is a caller's bug. */
    private static boolean storable(String interactionId) {
        return Arguments.isStorableId(Objects.requireNonNull(interactionId, "interactionId"));
    }

    @Override
    public void save(Interaction interaction) {
        Interaction i = checked(interaction, "interaction");
        interactions.compute(i.interactionId(), (k, old) -> new ExpiringMap.Entry<>(i, i.expiresAt()));
    }

    @Override
    public Optional<Interaction> find(String interactionId) {
        if (!storable(interactionId)) {
            return Optional.empty();
        }
        ExpiringMap.Entry<Interaction> e = interactions.getLive(interactionId, interactions.now());
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    @Override
    public boolean delete(String interactionId) {
        if (!storable(interactionId)) {
            return false;
        }
        Instant now = interactions.now();
        boolean[] deleted = new boolean[1];
        interactions.compute(interactionId, (k, old) -> {
            deleted[0] = old != null && old.liveAt(now);
            return null;
        });
        return deleted[0];
    }

    @Override
    public void compareAndSwap(byte[] expectedState, Interaction next) {
        Interaction n = checked(next, "next");
        Objects.requireNonNull(expectedState, "expectedState");
        Instant now = interactions.now();
        interactions.compute(n.interactionId(), (k, old) -> {
            requireUnchanged(old, expectedState, now);
            return new ExpiringMap.Entry<>(n, n.expiresAt());
        });
    }

    @Override
    public void deleteIfUnchanged(String interactionId, byte[] expectedState) {
        Objects.requireNonNull(expectedState, "expectedState");
        if (!storable(interactionId)) {
            throw absent(); // never saved: the answer for an absent interaction
        }
        Instant now = interactions.now();
        interactions.compute(interactionId, (k, old) -> {
            requireUnchanged(old, expectedState, now);
            return null;
        });
    }

    private static ConflictException absent() {
        return new ConflictException("interaction is absent or expired; re-read it");
    }

    private static void requireUnchanged(ExpiringMap.Entry<Interaction> old, byte[] expected, Instant now) {
        if (old == null || !old.liveAt(now)) {
            throw absent();
        }
        if (!old.value().stateEquals(expected)) {
            throw new ConflictException("interaction state changed concurrently; re-read it");
        }
    }
}
