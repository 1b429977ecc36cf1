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

/**
 * Interactions with byte-exact compare-and-swap decided inside one atomic {@code compute}, and
 * beside them the {@link SubjectIndex} of the interactions that name a subject, updated in the same
 * atomic sections (a save or swap that changes the subject moves the interaction's entry).
 */
final class MemoryInteractionStore implements InteractionCompareAndSwap {
    private final ExpiringMap<Interaction> interactions;
    private final SubjectIndex subjects;
    private final int maxValueBytes;

    static MemoryInteractionStore of(MemoryParts p) {
        SubjectIndex subjects = p.subjects(StoreKind.INTERACTIONS);
        ExpiringMap<Interaction> map = p.<Interaction>map(StoreKind.INTERACTIONS,
                (id, i) -> subjects.remove(i.subject(), id));
        return new MemoryInteractionStore(map, subjects, p.settings().maxValueBytes());
    }

    MemoryInteractionStore(ExpiringMap<Interaction> interactions, SubjectIndex subjects, int maxValueBytes) {
        this.interactions = interactions;
        this.subjects = subjects;
        this.maxValueBytes = maxValueBytes;
    }

    /** The entry that replaces {@code old} with {@code next}, inside the key's atomic section. */
    private ExpiringMap.Entry<Interaction> replacing(String id, ExpiringMap.Entry<Interaction> old, Interaction next) {
        if (old != null) {
            subjects.moved(id, old.value().subject(), next.subject());
        }
        return new ExpiringMap.Entry<>(next, next.expiresAt());
    }

    /** The map's {@code afterWrite}: indexes the stored interaction's subject once the write is certain. */
    private void indexed(String id, Interaction stored) {
        subjects.add(stored.subject(), id);
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
        interactions.compute(i.interactionId(), (k, old) -> replacing(k, old, i), this::indexed);
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
            return replacing(k, old, n);
        }, this::indexed);
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

    /** Through the subject index: only interactions that name {@code subject} are found. */
    @Override
    public int eraseSubject(String subject) {
        return subjects.erase(subject, interactions, Interaction::subject);
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
