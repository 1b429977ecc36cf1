package org.oidcstore.store.jpa.internal.store;

import org.oidcstore.store.jpa.internal.gc.ExpiredRows;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * What every JPA store is built from: the transaction runner, the per-store context and the
 * bounded sweeps (purges run the GC's batches).
 */
public record StoreParts(TxRunner tx, StoreContext ctx, ExpiredRows expired) {
}
