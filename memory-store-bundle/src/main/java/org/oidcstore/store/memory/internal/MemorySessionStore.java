package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.KeysetCursor;
import org.oidcstore.store.spi.ValueSize;

/**
 * Sessions and their chooser-group index. Every change of a session and of its index membership
 * happens inside the session key's atomic section (the index update runs in the same
 * {@code compute}, and removals by expiry go through the map's removal callback, which runs there
 * too), so the index of one session is never updated out of order. Listing re-checks each member
 * against the session itself, so a member being moved or expiring is never returned wrongly.
 */
final class MemorySessionStore implements SessionStore {
    private static final Comparator<Session> OLDEST_FIRST =
            Comparator.comparing(Session::createdAt).thenComparing(Session::sessionId);
    private static final Comparator<KeysetCursor> OLDEST_FIRST_KEY =
            Comparator.comparing(KeysetCursor::at).thenComparing(KeysetCursor::id);

    private final ExpiringMap<Session> sessions;
    private final ConcurrentHashMap<String, Set<String>> groups;
    private final int maxValueBytes;

    /** Built from the tier's parts: the sessions' map and, beside it, the chooser-group index. */
    static MemorySessionStore of(MemoryParts p) {
        ConcurrentHashMap<String, Set<String>> groups = p.beside(StoreKind.SESSIONS, ConcurrentHashMap::new);
        ExpiringMap<Session> map = p.<Session>map(StoreKind.SESSIONS, (sid, s) -> unindex(groups, s.chooserGroup(), sid));
        return new MemorySessionStore(map, groups, p.settings().maxValueBytes());
    }

    MemorySessionStore(ExpiringMap<Session> sessions, ConcurrentHashMap<String, Set<String>> groups,
            int maxValueBytes) {
        this.sessions = sessions;
        this.groups = groups;
        this.maxValueBytes = maxValueBytes;
    }

    /** The removal callback the session map is built with. */
    static void unindex(ConcurrentHashMap<String, Set<String>> groups, String group, String sessionId) {
        if (group != null) {
            groups.computeIfPresent(group, (g, members) -> {
                members.remove(sessionId);
                return members.isEmpty() ? null : members;
            });
        }
    }

    private void index(String group, String sessionId) {
        if (group != null) {
            groups.compute(group, (g, members) -> {
                Set<String> m = members == null ? ConcurrentHashMap.newKeySet() : members;
                m.add(sessionId);
                return m;
            });
        }
    }

    @Override
    public void save(Session session) {
        Objects.requireNonNull(session, "session");
        // before the atomic section: a refused replacement leaves the old session and its group as they were
        ValueSize.check(ValueSize.of(session), maxValueBytes, StoreKind.SESSIONS.configName(),
                MemorySettings.MAX_VALUE_BYTES_KEY);
        sessions.compute(session.sessionId(), (sid, old) -> {
            if (old != null && !Objects.equals(old.value().chooserGroup(), session.chooserGroup())) {
                unindex(groups, old.value().chooserGroup(), sid); // a replacement: never refused as full
            }
            return new ExpiringMap.Entry<>(session, session.expiresAt());
        }, (sid, stored) -> index(stored.chooserGroup(), sid)); // only once the write is certain
    }

    @Override
    public Optional<Session> find(String sessionId) {
        if (!storable(sessionId)) {
            return Optional.empty();
        }
        ExpiringMap.Entry<Session> e = sessions.getLive(sessionId, sessions.now());
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /** Whether {@code sessionId} could have been saved (the record refuses the others); null is a caller's bug. */
    private static boolean storable(String sessionId) {
        return Arguments.isStorableId(Objects.requireNonNull(sessionId, "sessionId"));
    }

    @Override
    public boolean touch(String sessionId, Instant newExpiresAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Instant now = sessions.now();
        Instant expiresAt = Arguments.futureInstant(newExpiresAt, "newExpiresAt", now);
        if (!storable(sessionId)) {
            return false;
        }
        boolean[] touched = new boolean[1];
        sessions.compute(sessionId, (sid, old) -> {
            if (old == null) {
                return null;
            }
            if (!old.liveAt(now)) {
                return null; // expired: reclaim it, never extend it
            }
            Session t = old.value().touched(expiresAt, now);
            touched[0] = true;
            return new ExpiringMap.Entry<>(t, t.expiresAt());
        });
        return touched[0];
    }

    @Override
    public boolean delete(String sessionId) {
        if (!storable(sessionId)) {
            return false;
        }
        Instant now = sessions.now();
        boolean[] deleted = new boolean[1];
        sessions.compute(sessionId, (sid, old) -> {
            deleted[0] = old != null && old.liveAt(now);
            return null;
        });
        return deleted[0];
    }

    /**
     * In process the whole group is at hand, so a page is the group's live members after the
     * cursor, sorted; the group of one browser is small, and every page re-checks each member
     * against the session itself.
     */
    @Override
    public KeysetPage<Session> listByChooserGroup(String chooserGroup, String afterCursor, int limit) {
        Objects.requireNonNull(chooserGroup, "chooserGroup");
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        Set<String> members = Arguments.isStorableId(chooserGroup) ? groups.get(chooserGroup) : null;
        if (members == null) {
            return new KeysetPage<>(List.of(), null);
        }
        Instant now = sessions.now();
        List<Session> fetched = members.stream()
                .map(sid -> sessions.getLive(sid, now))
                .filter(Objects::nonNull)
                .map(ExpiringMap.Entry::value)
                .filter(s -> chooserGroup.equals(s.chooserGroup()))
                .filter(s -> after == null || OLDEST_FIRST_KEY.compare(cursorOf(s), after) > 0)
                .sorted(OLDEST_FIRST)
                .limit(limit + 1L)
                .toList();
        return KeysetPage.of(fetched, limit, s -> cursorOf(s).format());
    }

    private static KeysetCursor cursorOf(Session s) {
        return new KeysetCursor(s.createdAt(), s.sessionId());
    }
}
