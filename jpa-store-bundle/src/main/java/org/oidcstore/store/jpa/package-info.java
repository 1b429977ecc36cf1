/**
 * The durable tier of oidc-store on EclipseLink under JTA: {@link org.oidcstore.store.jpa.JpaStores}
 * opens a {@link org.oidcstore.store.jpa.JpaStore} (every kind, transactional) from
 * {@link org.oidcstore.store.jpa.JpaSettings}; {@link org.oidcstore.store.jpa.JpaGc} sweeps expired
 * records. In a CDI container the bundle produces the same stores as {@code @Durable} beans.
 *
 * <p>Guarantees: single use is decided by conditional {@code UPDATE}s whose row count names the
 * winner; refresh rotation locks the parent row; grants carry an optimistic version; tombstones
 * widen in one statement; bearer secrets are stored only as digests. Every store method joins the
 * caller's JTA transaction, or runs in its own.
 */
@Export
@Version("1.1.0")
package org.oidcstore.store.jpa;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
