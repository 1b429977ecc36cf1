package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.jpa.internal.JpaMessages;
import org.oidcstore.store.testsupport.MessageCatalogues;

/**
 * {@link JpaMessages} holds every id the module uses, each documented in
 * {@code docs/message-ids.md} within the tier's range (1200–1399); no main source spells an id
 * itself; and, the other way round, every live id documented in that range is one the tier raises.
 */
class JpaMessagesTest {

    @Test
    void everyIdIsInTheCatalogueAndDocumented() {
        MessageCatalogues.check(JpaMessages.class, 1200, 1399);
    }

    @Test
    void everyLiveIdDocumentedInTheTiersRangeIsInTheCatalogue() {
        Map<String, String> catalogue = MessageCatalogues.ids(JpaMessages.class);
        List<String> documented = MessageCatalogues.documented().entrySet().stream()
                .filter(e -> {
                    int n = Integer.parseInt(e.getKey().substring("OIDCS-".length()));
                    return n >= 1200 && n <= 1399 && !e.getValue().startsWith("retired");
                })
                .map(Map.Entry::getKey).toList();
        assertThat(documented).as("documented in the JPA range").isNotEmpty();
        assertThat(catalogue.values()).as("ids the tier raises").containsAll(documented);
    }
}
