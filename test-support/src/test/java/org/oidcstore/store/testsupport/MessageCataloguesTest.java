package org.oidcstore.store.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCataloguesTest {

    @SuppressWarnings("unused")
    static final class Catalogue {
        static final String FIRST = "OIDCS-1401";
        static final String SECOND = "OIDCS-1402";
        static final String NOT_AN_ID = "oidc.store.redis.uri";
        static String notFinal = "OIDCS-1403";
    }

    @Test
    void theCatalogueIsItsStaticFinalIdConstants() {
        assertThat(MessageCatalogues.ids(Catalogue.class))
                .containsExactlyInAnyOrderEntriesOf(Map.of("FIRST", "OIDCS-1401", "SECOND", "OIDCS-1402"));
    }

    @Test
    void commentsAreDroppedLiteralsKept() {
        String src = """
                /** OIDCS-1001 in Javadoc */
                String a = "rediss://h:1 OIDCS-1002"; // OIDCS-1003
                char q = '"'; String b = "x\\" // OIDCS-1004";
                String t = \"""
                    -- it's Lua // OIDCS-1005
                    \""";
                """;
        String code = MessageCatalogues.code(src);
        assertThat(code).doesNotContain("OIDCS-1001").doesNotContain("OIDCS-1003")
                .contains("OIDCS-1002").contains("OIDCS-1004").contains("OIDCS-1005");
    }

    @Test
    void theDocumentationIsRead() {
        Map<String, String> documented = MessageCatalogues.documented();
        assertThat(documented).containsKey("OIDCS-1401").containsKey("OIDCS-1002");
        assertThat(documented.get("OIDCS-1102")).startsWith("retired");
    }
}
