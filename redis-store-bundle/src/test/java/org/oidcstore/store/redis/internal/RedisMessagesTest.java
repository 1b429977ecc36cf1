package org.oidcstore.store.redis.internal;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.MessageCatalogues;

/**
 * {@link RedisMessages} holds every id the module uses, each documented in
 * {@code docs/message-ids.md} within the module's range; no main source spells an id itself.
 */
class RedisMessagesTest {

    @Test
    void everyIdIsInTheCatalogueAndDocumented() {
        MessageCatalogues.check(RedisMessages.class, 1400, 1599);
    }
}
