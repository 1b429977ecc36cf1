package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.KeysetCursor;
import org.oidcstore.store.spi.ValueSize;

/**
 * Sessions, their chooser-group index and their subject index. Every change of a session and of
 * its index memberships happens inside the session key's atomic section (the index updates run in
 * the same {@code compute}, and removals by expiry go through the map's removal callback, which
 * runs there too), so the indexes of one session are never updated out of order. Listing re-checks
 * each member against the session itself, so a member being moved or expiring is never returned
 * wrongly.
 */
final class MemorySessionStore implements SessionStore {
    private static final Comparator<Session> OLDEST_FIRST =
            Comparator.comparing(Session::createdAt).thenComparing(Session::sessionId);
    private static final Comparator<KeysetCursor> OLDEST_FIRST_KEY =
            Comparator.comparing(KeysetCursor::at).thenComparing(KeysetCursor::id);

    private final ExpiringMap<Session> sessions;
    private final ConcurrentHashMap<String, Set<String>> groups;
    private final ConcurrentHashMap<String, Set<String>> subjects;
    private final int maxValueBytes;

    /** The two indexes kept beside the sessions' map: sids by chooser group and by subject. */
    record Indexes(ConcurrentHashMap<String, Set<String>> groups, ConcurrentHashMap<String, Set<String>> subjects) {
    }

    /** Built from the tier's parts: the sessions' map and, beside it, the chooser-group and subject indexes. */
    static MemorySessionStore of(MemoryParts p) {
        Indexes ix = p.beside(StoreKind.SESSIONS, () -> new Indexes(new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
        ExpiringMap<Session> map = p.<Session>map(StoreKind.SESSIONS, (sid, s) -> {
            unindex(ix.groups(), s.chooserGroup(), sid);
            unindex(ix.subjects(), s.subject(), sid);
        });
        return new MemorySessionStore(map, ix, p.settings().maxValueBytes());
    }

    MemorySessionStore(ExpiringMap<Session> sessions, Indexes indexes, int maxValueBytes) {
        this.sessions = sessions;
        this.groups = indexes.groups();
        this.subjects = indexes.subjects();
        this.maxValueBytes = maxValueBytes;
    }

    /** The removal callback the session map is built with (per index). */
    static void unindex(ConcurrentHashMap<String, Set<String>> index, String group, String sessionId) {
        if (group != null) {
            index.computeIfPresent(group, (g, members) -> {
                members.remove(sessionId);
                return members.isEmpty() ? null : members;
            });
        }
    }

    private static void index(ConcurrentHashMap<String, Set<String>> index, String group, String sessionId) {
        if (group != null) {
            index.compute(group, (g, members) -> {
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
            if (old != null && !old.value().subject().equals(session.subject())) {
                unindex(subjects, old.value().subject(), sid);
            }
            return new ExpiringMap.Entry<>(session, session.expiresAt());
        }, (sid, stored) -> { // only once the write is certain
            index(groups, stored.chooserGroup(), sid);
            index(subjects, stored.subject(), sid);
        });
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
        return page(members, s -> chooserGroup.equals(s.chooserGroup()), after, limit);
    }

    /** As {@link #listByChooserGroup}, over the subject index: a subject's sessions are few too. */
    @Override
    public KeysetPage<Session> listBySubject(String subject, String afterCursor, int limit) {
        Objects.requireNonNull(subject, "subject");
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        Set<String> members = Arguments.isStorableId(subject) ? subjects.get(subject) : null;
        if (members == null) {
            return new KeysetPage<>(List.of(), null);
        }
        return page(members, s -> subject.equals(s.subject()), after, limit);
    }

    /** The live members that still {@code belong}, after the cursor, sorted, {@code limit + 1} at most. */
    private KeysetPage<Session> page(Set<String> members, Predicate<Session> belong, KeysetCursor after, int limit) {
        Instant now = sessions.now();
        List<Session> fetched = members.stream()
                .map(sid -> sessions.getLive(sid, now))
                .filter(Objects::nonNull)
                .map(ExpiringMap.Entry::value)
                .filter(belong)
                .filter(s -> after == null || OLDEST_FIRST_KEY.compare(cursorOf(s), after) > 0)
                .sorted(OLDEST_FIRST)
                .limit(limit + 1L)
                .toList();
        return KeysetPage.of(fetched, limit, s -> cursorOf(s).format());
    }

    /**
     * Each member of the subject index (a snapshot) is removed in its own atomic section, only if
     * it still names the subject; a session saved meanwhile is indexed in its own section, so it is
     * either in the snapshot (and deleted) or saved whole after it.
     */
    @Override
    public int deleteBySubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        Set<String> members = Arguments.isStorableId(subject) ? subjects.get(subject) : null;
        if (members == null) {
            return 0;
        }
        Instant now = sessions.now();
        int deleted = 0;
        for (String sid : List.copyOf(members)) {
            boolean[] live = new boolean[1];
            sessions.compute(sid, (k, old) -> {
                if (old == null || !subject.equals(old.value().subject())) {
                    return old;
                }
                live[0] = old.liveAt(now);
                return null;
            });
            deleted += live[0] ? 1 : 0;
        }
        return deleted;
    }

    private static KeysetCursor cursorOf(Session s) {
        return new KeysetCursor(s.createdAt(), s.sessionId());
    }
}
