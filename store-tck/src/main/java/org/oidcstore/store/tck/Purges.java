package org.oidcstore.store.tck;

/** Sizes of the bulk-purge cases. */
final class Purges {
    /**
     * More expired rows than one purge batch of any backend deletes (the JPA tier's default batch is
     * 2,000 rows), so that a purge which stopped after its first batch is caught.
     */
    static final int MORE_THAN_ONE_BATCH = 5_000;

    private Purges() {
    }
}
