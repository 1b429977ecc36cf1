package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.KeysetCursor;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * Grants by id, with their version. An expired grant is absent to every operation but keeps its
 * row (an insert of its id is a duplicate) until the engine reclaims it. Listings scan the table:
 * a reference, not a tier, so clarity over speed.
 */
final class ReferenceGrantStore implements GrantStore, ReferenceSubstore {
    private static final Table<Grant> GRANTS = new Table<>(StoreKind.GRANTS.configName());

    /** {@link #listBySubject}'s order: newest first, ties broken by the greatest id. */
    private static final Comparator<Grant> NEWEST_FIRST = Comparator.comparing(Grant::createdAt)
            .thenComparing(Grant::grantId, ReferenceData.BINARY).reversed();

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceGrantStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public Grant save(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        return data.call(() -> {
            Map<String, Grant> rows = data.rows(GRANTS);
            Grant stored = rows.get(grant.grantId());
            if (grant.version() == 0) {
                if (stored != null) {
                    throw new DuplicateRecordException("a grant with this id exists");
                }
            } else if (stored == null || stored.isExpiredAt(parts.now()) || stored.version() != grant.version()) {
                throw new ConflictException("the grant is no longer at the version read (changed, deleted or"
                        + " expired); re-read it");
            }
            Grant saved = grant.withVersion(grant.version() + 1);
            rows.put(grant.grantId(), saved);
            return saved;
        });
    }

    @Override
    public Optional<Grant> find(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return data.call(() -> Optional.ofNullable(data.rows(GRANTS).get(grantId))
                .filter(g -> !g.isExpiredAt(parts.now())));
    }

    @Override
    public Optional<Grant> findActive(String subject, String clientId) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        return data.call(() -> live(subject).filter(g -> g.clientId().equals(clientId)).sorted(NEWEST_FIRST)
                .findFirst());
    }

    @Override
    public KeysetPage<Grant> listBySubject(String subject, String afterCursor, int limit) {
        Objects.requireNonNull(subject, "subject");
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        List<Grant> fetched = data.call(() -> live(subject).filter(g -> after == null || isAfter(g, after))
                .sorted(NEWEST_FIRST).limit(limit + 1L).toList());
        return KeysetPage.of(fetched, limit, g -> new KeysetCursor(g.createdAt(), g.grantId()).format());
    }

    /** Whether {@code g} comes after the cursor in newest-first order: older, or as old with a smaller id. */
    private static boolean isAfter(Grant g, KeysetCursor cursor) {
        int c = g.createdAt().compareTo(cursor.at());
        return c < 0 || c == 0 && ReferenceData.BINARY.compare(g.grantId(), cursor.id()) < 0;
    }

    @Override
    public boolean delete(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return data.call(() -> {
            Map<String, Grant> rows = data.rows(GRANTS);
            Grant stored = rows.get(grantId);
            if (stored == null || stored.isExpiredAt(parts.now())) {
                return false;
            }
            rows.remove(grantId);
            return true;
        });
    }

    @Override
    public KeysetPage<String> listClientIds(String subject, String afterClientId, int limit) {
        Objects.requireNonNull(subject, "subject");
        Arguments.pageSize(limit);
        if (afterClientId != null && !Arguments.isStorableId(afterClientId)) {
            throw new IllegalArgumentException("afterClientId is not a cursor of this listing");
        }
        List<String> fetched = data.call(() -> live(subject).map(Grant::clientId).distinct()
                .filter(id -> afterClientId == null || ReferenceData.BINARY.compare(id, afterClientId) > 0)
                .sorted(ReferenceData.BINARY).limit(limit + 1L).toList());
        return KeysetPage.of(fetched, limit, id -> id);
    }

    @Override
    public KeysetPage<String> listSubjects(String clientId, String afterSubject, int limit) {
        Objects.requireNonNull(clientId, "clientId");
        Arguments.pageSize(limit);
        if (afterSubject != null && !Arguments.isStorableId(afterSubject)) {
            throw new IllegalArgumentException("afterSubject is not a cursor of this listing");
        }
        Instant now = parts.now();
        List<String> fetched = data.call(() -> data.rows(GRANTS).values().stream()
                .filter(g -> g.clientId().equals(clientId) && !g.isExpiredAt(now)).map(Grant::subject).distinct()
                .filter(s -> afterSubject == null || ReferenceData.BINARY.compare(s, afterSubject) > 0)
                .sorted(ReferenceData.BINARY).limit(limit + 1L).toList());
        return KeysetPage.of(fetched, limit, s -> s);
    }

    @Override
    public int revokeByClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return data.call(() -> {
            Map<String, Grant> rows = data.rows(GRANTS);
            int before = rows.size();
            rows.values().removeIf(g -> g.clientId().equals(clientId));
            return before - rows.size();
        });
    }

    /** The live grants of {@code subject}; inside {@code data.call}. */
    private Stream<Grant> live(String subject) {
        Instant now = parts.now();
        return data.rows(GRANTS).values().stream().filter(g -> g.subject().equals(subject) && !g.isExpiredAt(now));
    }

    /** Every record of the subject, expired ones included, counted. */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.erase(GRANTS, r -> subject.equals(r.subject()), r -> true);
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(GRANTS).size());
    }
}
