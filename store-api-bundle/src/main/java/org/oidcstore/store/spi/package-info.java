/**
 * Helpers for backend authors, so that every backend hashes, expires and reports alike:
 * {@link org.oidcstore.store.spi.SecretDigest}, {@link org.oidcstore.store.spi.Expiry},
 * {@link org.oidcstore.store.spi.ClientSecrets} and {@link org.oidcstore.store.spi.Backends}.
 */
@Export
@Version("1.0.0")
package org.oidcstore.store.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
