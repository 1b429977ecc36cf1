/** Implementation of the in-process volatile tier; private to the bundle. */
package org.oidcstore.store.memory.internal;
