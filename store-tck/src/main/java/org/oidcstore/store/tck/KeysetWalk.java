package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;

/**
 * Walks a keyset listing to its end for the paging contracts, checking on the way what every
 * listing must satisfy: no page longer than its limit, no empty page with a next cursor, every item
 * strictly after the one before in the listing's order.
 */
final class KeysetWalk {
    /**
     * The order of every session listing (by chooser group, by subject). Sample ids are ASCII, so
     * this is the byte order every backend sorts ids in.
     */
    static final Comparator<Session> SESSION_ORDER = Comparator.comparing(Session::createdAt)
            .thenComparing(Session::sessionId);

    private KeysetWalk() {
    }

    /**
     * Every item of a listing ({@code listing.apply(cursor, limit)}), {@code limit} per page,
     * checking that each item follows the previous one in {@code order}; {@code beforePage} runs
     * before each page is read.
     */
    static <T> List<T> walk(BiFunction<String, Integer, KeysetPage<T>> listing, int limit, Comparator<T> order,
            Runnable beforePage) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            beforePage.run();
            KeysetPage<T> page = listing.apply(cursor, limit);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            if (page.nextCursor() != null) {
                assertThat(page.items()).as("a page with a next cursor").isNotEmpty();
            }
            for (T item : page.items()) {
                if (!all.isEmpty()) {
                    assertThat(order.compare(all.get(all.size() - 1), item)).as("each item after the one before").isNegative();
                }
                all.add(item);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /**
     * Every session {@link SessionStore#listBySubject} shows for {@code subject}, walked as
     * {@link #walk} in {@link #SESSION_ORDER}, each item checked to be the subject's.
     */
    static List<Session> sessionsOf(SessionStore sessions, String subject, int limit, Runnable beforePage) {
        return walk((cursor, l) -> {
            KeysetPage<Session> page = sessions.listBySubject(subject, cursor, l);
            for (Session s : page.items()) {
                assertThat(s.subject()).isEqualTo(subject);
            }
            return page;
        }, limit, SESSION_ORDER, beforePage);
    }
}
