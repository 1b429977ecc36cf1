/**
 * The oidc-store TCK: the store API's contract in executable form.
 *
 * <p>A backend runs it by extending {@link org.oidcstore.store.tck.AllKindsSuite} (every
 * kind, transactional) or {@link org.oidcstore.store.tck.VolatileTierSuite} (the volatile kinds)
 * and implementing {@link org.oidcstore.store.tck.StoreFixture}. Each contract class covers one
 * substore (per-kind behaviour, the redemption matrix, hash-on-store, concurrency with real races);
 * {@link org.oidcstore.store.tck.NamespaceContract} and
 * {@link org.oidcstore.store.tck.TransactionalClusterContract} cut across kinds, and
 * {@link org.oidcstore.store.tck.ContractCoverage} guards that every API method has a case.
 */
package org.oidcstore.store.tck;
