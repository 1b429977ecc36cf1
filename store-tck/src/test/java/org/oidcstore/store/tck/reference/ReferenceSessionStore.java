package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.KeysetCursor;
import org.oidcstore.store.spi.ValueSize;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * Sessions by id. A chooser group is not an index beside the sessions but a scan of them, so it
 * can never disagree with them.
 */
final class ReferenceSessionStore implements SessionStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.SESSIONS;
    private static final Table<Session> SESSIONS = new Table<>(KIND.configName());

    /** {@link #listByChooserGroup}'s order: oldest first, ties broken by the smallest id. */
    private static final Comparator<Session> OLDEST_FIRST = Comparator.comparing(Session::createdAt)
            .thenComparing(Session::sessionId, ReferenceData.BINARY);

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceSessionStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(Session session) {
        Objects.requireNonNull(session, "session");
        parts.checkSize(ValueSize.of(session), KIND);
        data.run(() -> data.rows(SESSIONS).put(session.sessionId(), session));
    }

    @Override
    public Optional<Session> find(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return data.call(() -> Optional.ofNullable(data.rows(SESSIONS).get(sessionId))
                .filter(s -> !s.isExpiredAt(parts.now())));
    }

    @Override
    public boolean touch(String sessionId, Instant newExpiresAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        return data.call(() -> {
            Instant now = parts.now();
            Instant until = Arguments.futureInstant(newExpiresAt, "newExpiresAt", now);
            Map<String, Session> rows = data.rows(SESSIONS);
            Session stored = rows.get(sessionId);
            if (stored == null || stored.isExpiredAt(now)) {
                return false; // never resurrects
            }
            rows.put(sessionId, stored.touched(until, now));
            return true;
        });
    }

    /** An expired session answers {@code false}, and its record is reclaimed all the same. */
    @Override
    public boolean delete(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return data.call(() -> {
            Session removed = data.rows(SESSIONS).remove(sessionId);
            return removed != null && !removed.isExpiredAt(parts.now());
        });
    }

    @Override
    public KeysetPage<Session> listByChooserGroup(String chooserGroup, String afterCursor, int limit) {
        Objects.requireNonNull(chooserGroup, "chooserGroup");
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        List<Session> fetched = data.call(() -> {
            Instant now = parts.now();
            return data.rows(SESSIONS).values().stream()
                    .filter(s -> chooserGroup.equals(s.chooserGroup()) && !s.isExpiredAt(now))
                    .filter(s -> after == null || isAfter(s, after)).sorted(OLDEST_FIRST).limit(limit + 1L).toList();
        });
        return KeysetPage.of(fetched, limit, s -> new KeysetCursor(s.createdAt(), s.sessionId()).format());
    }

    /** A scan of the sessions, like the chooser group: it can never disagree with them. */
    @Override
    public KeysetPage<Session> listBySubject(String subject, String afterCursor, int limit) {
        Objects.requireNonNull(subject, "subject");
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        List<Session> fetched = data.call(() -> {
            Instant now = parts.now();
            return data.rows(SESSIONS).values().stream()
                    .filter(s -> subject.equals(s.subject()) && !s.isExpiredAt(now))
                    .filter(s -> after == null || isAfter(s, after)).sorted(OLDEST_FIRST).limit(limit + 1L).toList();
        });
        return KeysetPage.of(fetched, limit, s -> new KeysetCursor(s.createdAt(), s.sessionId()).format());
    }

    /** One step over every session: the subject's live ones are counted, its expired ones reclaimed too. */
    @Override
    public int deleteBySubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.call(() -> {
            Instant now = parts.now();
            int[] live = new int[1];
            data.rows(SESSIONS).values().removeIf(s -> {
                if (!subject.equals(s.subject())) {
                    return false;
                }
                live[0] += s.isExpiredAt(now) ? 0 : 1;
                return true;
            });
            return live[0];
        });
    }

    /** Whether {@code s} comes after the cursor in oldest-first order: newer, or as old with a greater id. */
    private static boolean isAfter(Session s, KeysetCursor cursor) {
        int c = s.createdAt().compareTo(cursor.at());
        return c > 0 || c == 0 && ReferenceData.BINARY.compare(s.sessionId(), cursor.id()) > 0;
    }

    @Override
    public void reclaim(Instant now) {
        data.rows(SESSIONS).values().removeIf(s -> s.isExpiredAt(now));
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(SESSIONS).size());
    }
}
