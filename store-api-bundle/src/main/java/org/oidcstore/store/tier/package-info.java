/**
 * Tiers and their CDI qualifiers: {@link org.oidcstore.store.tier.StoreTier},
 * {@link org.oidcstore.store.tier.Durable} and {@link org.oidcstore.store.tier.Volatile}.
 */
@Export
@Version("1.0.0")
package org.oidcstore.store.tier;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
