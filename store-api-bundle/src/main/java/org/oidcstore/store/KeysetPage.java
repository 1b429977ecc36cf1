package org.oidcstore.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset (cursor) pagination.
 *
 * @param items the items of this page, in the listing's stable order
 * @param nextCursor the cursor to pass for the next page, or {@code null} when this is the last
 *     page; it is the last item of this page, so it never reveals anything the page did not
 */
public record KeysetPage(List<String> items, String nextCursor) {

    public KeysetPage {
        items = Checks.list(items, "items");
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
