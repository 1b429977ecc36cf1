package org.oidcstore.store.composite.internal;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.MessageCatalogues;

/**
 * {@link CompositeMessages} holds every id the composite uses, each documented in
 * {@code docs/message-ids.md} within the composite's ranges (2000 – 2199 problems, 2200 – 2299
 * metrics); no main source spells an id itself, and every constant is used.
 */
class CompositeMessagesTest {

    @Test
    void everyIdIsInTheCatalogueAndDocumented() {
        MessageCatalogues.check(CompositeMessages.class, 2000, 2299);
    }
}
