package org.oidcstore.store.osgi.internal;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.MessageCatalogues;

/**
 * {@link OsgiMessages} holds every id the OSGi service uses, each documented in
 * {@code docs/message-ids.md} within the service's range (2120 – 2139); no main source spells an
 * id itself, and every constant is used.
 */
class OsgiMessagesTest {

    @Test
    void everyIdIsInTheCatalogueAndDocumented() {
        MessageCatalogues.check(OsgiMessages.class, 2120, 2139);
    }
}
