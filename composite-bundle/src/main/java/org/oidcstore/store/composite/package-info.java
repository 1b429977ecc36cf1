/**
 * The composite of oidc-store: it routes every {@link org.oidcstore.store.StoreKind} to exactly one
 * backend (durable or volatile tier) and offers the result as one
 * {@link org.oidcstore.store.OidcStore}.
 *
 * <ul>
 *   <li>Java SE / OSGi: {@link org.oidcstore.store.composite.CompositeStores#builder()}.</li>
 *   <li>CDI: deploy this bundle next to the backend bundles; its extension validates the routing
 *       at deployment and its producers
 *       offer the {@code @Default} beans ({@code @Inject RefreshTokenStore} just works).</li>
 * </ul>
 *
 * <p>Routing resolution, configuration keys, deployment problems (message ids OIDCS-2000 – 2199)
 * and metrics are documented in the module's README.
 */
@Export
@Version("2.0.0")
package org.oidcstore.store.composite;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
