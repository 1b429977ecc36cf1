package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;

/** Interactions with byte-exact compare-and-swap decided inside one atomic {@code compute}. */
final class MemoryInteractionStore implements InteractionCompareAndSwap {
    private final ExpiringMap<Interaction> interactions;
    private final int maxStateBytes;

    MemoryInteractionStore(ExpiringMap<Interaction> interactions, int maxStateBytes) {
        this.interactions = interactions;
        this.maxStateBytes = maxStateBytes;
    }

    private Interaction checked(Interaction i) {
        Objects.requireNonNull(i, "interaction");
        int size = i.state().length;
        if (size > maxStateBytes) {
            throw new IllegalArgumentException("interaction state is " + size + " bytes; this store accepts at most "
                    + maxStateBytes + " (oidc.store.memory.max-state-bytes)");
        }
        return i;
    }

    @Override
    public void save(Interaction interaction) {
        Interaction i = checked(interaction);
        interactions.compute(i.interactionId(), (k, old) -> new ExpiringMap.Entry<>(i, i.expiresAt()));
    }

    @Override
    public Optional<Interaction> find(String interactionId) {
        ExpiringMap.Entry<Interaction> e = interactions.getLive(Objects.requireNonNull(interactionId), interactions.now());
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    @Override
    public boolean delete(String interactionId) {
        Instant now = interactions.now();
        boolean[] deleted = new boolean[1];
        interactions.compute(Objects.requireNonNull(interactionId), (k, old) -> {
            deleted[0] = old != null && old.liveAt(now);
            return null;
        });
        return deleted[0];
    }

    @Override
    public void compareAndSwap(byte[] expectedState, Interaction next) {
        Interaction n = checked(next);
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
        Instant now = interactions.now();
        interactions.compute(Objects.requireNonNull(interactionId), (k, old) -> {
            requireUnchanged(old, expectedState, now);
            return null;
        });
    }

    private static void requireUnchanged(ExpiringMap.Entry<Interaction> old, byte[] expected, Instant now) {
        if (old == null || !old.liveAt(now)) {
            throw new ConflictException("interaction is absent or expired; re-read it");
        }
        if (!old.value().stateEquals(expected)) {
            throw new ConflictException("interaction state changed concurrently; re-read it");
        }
    }
}
