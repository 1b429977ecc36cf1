package org.oidcstore.store.composite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Ties the composite's message ids to {@code docs/message-ids.md}: one catalogue, every id documented. */
class CompositeMessagesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path DOC = Path.of("../docs/message-ids.md");

    private static List<String> catalogue() throws IllegalAccessException {
        List<String> ids = new ArrayList<>();
        for (Field f : CompositeMessages.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                ids.add((String) f.get(null));
            }
        }
        return ids;
    }

    @Test
    void everyIdOfTheCatalogueIsDocumentedAndWordedBySomeSource() throws Exception {
        List<String> ids = catalogue();
        assertThat(ids).hasSize(24).doesNotHaveDuplicates().allMatch(i -> i.matches("OIDCS-2\\d{3}"));
        String doc = Files.readString(DOC);
        for (String id : ids) {
            assertThat(doc).as("docs/message-ids.md documents " + id).contains("| " + id + " |");
        }
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!p.getFileName().toString().equals("CompositeMessages.java")) {
                    sources.append(Files.readString(p));
                }
            }
        }
        for (Field f : CompositeMessages.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                assertThat(sources).as("a source words " + f.getName()).contains("CompositeMessages." + f.getName());
            }
        }
    }

    @Test
    void noSourceOfTheModuleWordsAnIdOutsideTheCatalogue() throws IOException {
        Pattern literal = Pattern.compile("\"(OIDCS-\\d{4})");
        Set<String> found = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (p.getFileName().toString().equals("CompositeMessages.java")) {
                    continue;
                }
                Matcher m = literal.matcher(Files.readString(p));
                while (m.find()) {
                    found.add(p.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertThat(found).as("ids written as literals instead of CompositeMessages constants").isEmpty();
    }
}
