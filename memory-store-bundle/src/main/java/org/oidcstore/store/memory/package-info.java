/**
 * The in-process volatile tier: {@link org.oidcstore.store.memory.MemoryStores}, {@link org.oidcstore.store.memory.MemoryStore} and
 * {@link org.oidcstore.store.memory.MemorySettings}.
 */
@Export
@Version("2.0.0")
package org.oidcstore.store.memory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
