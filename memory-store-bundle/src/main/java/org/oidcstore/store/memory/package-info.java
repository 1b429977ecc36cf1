/**
 * The in-process volatile tier: {@link org.oidcstore.store.memory.MemoryStores} and
 * {@link org.oidcstore.store.memory.MemorySettings}.
 */
@Export
@Version("1.0.0")
package org.oidcstore.store.memory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
