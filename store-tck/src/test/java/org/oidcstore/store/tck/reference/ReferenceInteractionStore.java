package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.ValueSize;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Interactions by id, with compare-and-swap on the raw state. */
final class ReferenceInteractionStore implements InteractionCompareAndSwap, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.INTERACTIONS;
    private static final Table<Interaction> INTERACTIONS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceInteractionStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        parts.checkSize(ValueSize.of(interaction), KIND);
        data.run(() -> data.rows(INTERACTIONS).put(interaction.interactionId(), interaction));
    }

    @Override
    public Optional<Interaction> find(String interactionId) {
        Objects.requireNonNull(interactionId, "interactionId");
        return data.call(() -> Optional.ofNullable(live(data.rows(INTERACTIONS), interactionId)));
    }

    /** An expired interaction answers {@code false}, and its record is reclaimed all the same. */
    @Override
    public boolean delete(String interactionId) {
        Objects.requireNonNull(interactionId, "interactionId");
        return data.call(() -> {
            Interaction removed = data.rows(INTERACTIONS).remove(interactionId);
            return removed != null && !removed.isExpiredAt(parts.now());
        });
    }

    @Override
    public void compareAndSwap(byte[] expectedState, Interaction next) {
        Objects.requireNonNull(expectedState, "expectedState");
        Objects.requireNonNull(next, "next");
        parts.checkSize(ValueSize.of(next), KIND);
        data.run(() -> {
            Map<String, Interaction> rows = data.rows(INTERACTIONS);
            Interaction stored = live(rows, next.interactionId());
            if (stored == null || !stored.stateEquals(expectedState)) {
                throw new ConflictException("the interaction changed, or is gone; re-read it");
            }
            rows.put(next.interactionId(), next);
        });
    }

    @Override
    public void deleteIfUnchanged(String interactionId, byte[] expectedState) {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(expectedState, "expectedState");
        data.run(() -> {
            Map<String, Interaction> rows = data.rows(INTERACTIONS);
            Interaction stored = live(rows, interactionId);
            if (stored == null || !stored.stateEquals(expectedState)) {
                throw new ConflictException("the interaction changed, or is gone; re-read it");
            }
            rows.remove(interactionId);
        });
    }

    /** The stored interaction when it is not expired, else {@code null}. */
    private Interaction live(Map<String, Interaction> rows, String interactionId) {
        Interaction stored = rows.get(interactionId);
        return stored == null || stored.isExpiredAt(parts.now()) ? null : stored;
    }

    @Override
    public void reclaim(Instant now) {
        data.rows(INTERACTIONS).values().removeIf(i -> i.isExpiredAt(now));
    }

    /** Every interaction naming the subject, expired ones included; the unexpired ones counted. */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        Instant now = parts.now();
        return data.erase(INTERACTIONS, i -> subject.equals(i.subject()), i -> !i.isExpiredAt(now));
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(INTERACTIONS).size());
    }
}
