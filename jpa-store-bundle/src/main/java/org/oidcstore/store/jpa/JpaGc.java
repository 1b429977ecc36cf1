package org.oidcstore.store.jpa;

/**
 * Deletes expired records of every kind in bounded batches, each batch in its own short
 * transaction so that writers are never blocked for long. Refresh tokens are kept while any
 * refresh token of the same grant is live, so that revoking a chain from one of its expired
 * members still reaches the live descendants. Clients and users never expire. Safe to run on
 * several nodes at once.
 */
public interface JpaGc {

    /**
     * Runs one sweep now, outside any caller transaction (an active one is suspended meanwhile).
     *
     * @return how many records were deleted per kind, and the instant they were judged against
     */
    JpaGcReport collect();

    /**
     * Calls {@code listener} after every sweep that deleted something, scheduled or on demand (for
     * example to count purges in metrics: in CDI the tier fires an
     * {@code org.oidcstore.store.spi.ExpiredRecordsPurged} event itself). A failing listener is
     * logged and does not fail the sweep.
     */
    void addListener(java.util.function.Consumer<JpaGcReport> listener);
}
