/**
 * Helpers for backend authors, so that every backend hashes, expires, validates, pages and
 * reports alike: {@link org.oidcstore.store.spi.SecretDigest}, {@link org.oidcstore.store.spi.Expiry},
 * {@link org.oidcstore.store.spi.Arguments} (the {@link org.oidcstore.store.Limits} for operations),
 * {@link org.oidcstore.store.spi.KeysetCursor}, {@link org.oidcstore.store.spi.ValueSize},
 * {@link org.oidcstore.store.spi.StoreSettings} (the settings every backend shares),
 * {@link org.oidcstore.store.spi.ClientSecrets}, {@link org.oidcstore.store.spi.ConfigSafetyCheck}
 * and {@link org.oidcstore.store.spi.Backends}.
 */
@Export
@Version("1.4.0")
package org.oidcstore.store.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
