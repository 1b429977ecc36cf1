package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.User;
import org.oidcstore.store.tck.Samples;

/**
 * Values the TCK samples do not cover round-trip exactly on every engine: trailing blanks
 * (EclipseLink trims strings by default), non-ASCII text, supplementary characters, quotes,
 * backslashes and control characters inside JSON collection columns, and list order.
 */
class RoundTripTest {

    private static final String AWKWARD = "trailing blanks  \t\"quoted\" back\\slash ümlaut \u00e9 \uD83D\uDE00 line\nbreak ";
    /** Identifiers may hold all of it but control characters (Limits). */
    private static final String AWKWARD_ID = AWKWARD.replace("\t", " ").replace("\n", " ");

    @ParameterizedTest
    @EnumSource(Engine.class)
    void awkwardStringsAndOrderSurviveColumnsAndJson(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        Samples samples = new Samples(f.clock());
        Client c = samples.client("client with blank ").toBuilder().clientName(AWKWARD)
                .redirectUris(List.of("https://rp.example/z", "https://rp.example/a?q=" + AWKWARD))
                .metadata(Map.of("k " + AWKWARD, "\"" + AWKWARD.replace("\"", "\\\"") + "\"")).build();
        ClientRegistry registry = f.store().clientRegistry().orElseThrow();
        registry.register(c);
        Client read = f.store().clients().find(c.clientId()).orElseThrow();
        assertThat(read).isEqualTo(c);
        assertThat(read.clientName()).isEqualTo(AWKWARD);
        assertThat(read.redirectUris()).containsExactly("https://rp.example/z", "https://rp.example/a?q=" + AWKWARD);
        assertThat(f.store().clients().find("client with blank")).as("no trimming on lookup either").isEmpty();

        User u = new User("sub " + AWKWARD_ID, Map.of("name", "\"" + AWKWARD.replace("\n", "\\n") + "\""), f.clock().now());
        f.store().userRegistry().orElseThrow().save(u);
        assertThat(f.store().users().find(u.subject())).contains(u);
    }
}
