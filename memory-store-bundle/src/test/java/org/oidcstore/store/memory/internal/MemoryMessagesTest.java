package org.oidcstore.store.memory.internal;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.MessageCatalogues;

/**
 * {@link MemoryMessages} holds every id the module uses, each documented in
 * {@code docs/message-ids.md} within the module's range; no main source spells an id itself.
 */
class MemoryMessagesTest {

    @Test
    void everyIdIsInTheCatalogueAndDocumented() {
        MessageCatalogues.check(MemoryMessages.class, 1100, 1199);
    }
}
