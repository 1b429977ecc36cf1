package org.oidcstore.store.jpa.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.jpa.MariaDbCounters;
import org.oidcstore.store.tck.Samples;

/**
 * On a Galera node the Java SE pool keeps MariaDB Connector/J's text protocol: server-side
 * prepared statements (its default on a single MariaDB server, {@code LookupStatementsMariaDbTest})
 * once hung a connection reading a pipelined prepare result in {@link CrossNodeRaceTest}.
 */
@Tag("scale-out")
class GaleraPreparedStatementsTest {

    @Test
    void aStoreOnAGaleraNodeSendsItsStatementsAsText() throws Exception {
        NodeStores.schema();
        try (JpaStore store = JpaStores.open(NodeStores.settings(Galera.url(1)).withPoolSize(1), NodeStores.CLOCK)) {
            Map<String, Long> cost = MariaDbCounters.cost(MariaDbCounters.dataSource(store),
                    () -> store.authorizationCodes().find(Samples.secret("code")).isEmpty());
            System.out.println("Galera node, one lookup: " + cost);
            assertThat(cost).containsEntry("Com_select", 1L).containsEntry("Com_stmt_execute", 0L);
        }
    }
}
