package org.oidcstore.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset (cursor) listing: the items after a cursor in the listing's stable order,
 * at most the requested limit. A backend reads at most {@code limit + 1} rows to know whether a
 * next page exists (never a slice of a full list), and concurrent inserts never make a page
 * repeat or skip an item that existed throughout the listing.
 *
 * @param <T> the item type
 * @param items the items of this page, in the listing's stable order
 * @param nextCursor the cursor to pass for the next page, or {@code null} when this is the last
 *     page; it is derived from the last item of this page only, so it never reveals anything the
 *     page did not
 */
public record KeysetPage<T>(List<T> items, String nextCursor) {

    public KeysetPage {
        items = List.copyOf(Checks.required(items, "items"));
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }

    /** The page of {@code limit} items out of {@code fetched} (at most {@code limit + 1}), with its cursor. */
    public static <T> KeysetPage<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new KeysetPage<>(fetched, null);
        }
        List<T> page = fetched.subList(0, limit);
        return new KeysetPage<>(page, cursorOf.apply(page.get(limit - 1)));
    }
}
