/**
 * The rows of the tier as plain JDBC binds and reads them (the hot path: inserts that may meet a
 * duplicate key, single-use consumes, versioned updates), one record per table, and how each
 * becomes its API record. Instants are {@code Instant}s (bound as UTC wall-clock time), collection
 * columns their stored JSON text, decoded only by {@code toRecord}; a column that cannot be
 * decoded raises {@code CorruptRowException}. The JPA entities hand their values over as these
 * rows, so every decoding of a table is here. Not exported.
 */
package org.oidcstore.store.jpa.internal.row;
