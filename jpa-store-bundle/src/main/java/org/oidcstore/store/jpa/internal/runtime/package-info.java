/**
 * What the stores run on once the tier is open: the transaction runner, the per-store context
 * (clock, digests, dialect), SQL helpers, exception translation and the column codecs. Not exported.
 */
package org.oidcstore.store.jpa.internal.runtime;
