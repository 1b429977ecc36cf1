package org.oidcstore.store.tck;

import java.util.List;

/**
 * What a backend has persisted, rendered as text: every column value of every row (JPA), every
 * key and every value (Redis), every map key and every component of every stored entry (memory).
 * The hash-on-store cases search it for raw bearer secrets and for their digests.
 */
@FunctionalInterface
public interface PersistedState {

    /** One string per stored item (row, key, value, component); binary values decoded as UTF-8. */
    List<String> dump();
}
