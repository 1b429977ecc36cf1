package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.jpa.internal.JpaMessages;

/**
 * The module's message catalogue against the module's sources and {@code docs/message-ids.md}:
 * every id the tier raises is a constant of {@link JpaMessages}, documented in the "JPA tier"
 * section, and no other main source file spells an id in its code.
 */
class JpaMessagesTest {
    private static final Pattern ID = Pattern.compile("OIDCS-\\d{4}");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path DOCS = Path.of("../docs/message-ids.md");

    private static Map<String, String> catalogue() throws IllegalAccessException {
        Map<String, String> ids = new TreeMap<>();
        for (Field f : JpaMessages.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                ids.put((String) f.get(null), f.getName());
            }
        }
        return ids;
    }

    /** The ids of the rows of the "JPA tier" section, with whether the row says the id is retired. */
    private static Map<String, Boolean> documented() throws IOException {
        assertThat(DOCS).as("run from the module directory (Maven does)").exists();
        String text = Files.readString(DOCS);
        int start = text.indexOf("\n## JPA tier");
        assertThat(start).as("docs/message-ids.md has a section '## JPA tier'").isPositive();
        int end = text.indexOf("\n## ", start + 1);
        Map<String, Boolean> rows = new TreeMap<>();
        for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
            Matcher m = Pattern.compile("^\\| (OIDCS-\\d{4}) \\|(.*)").matcher(line);
            if (m.find()) {
                rows.put(m.group(1), m.group(2).trim().startsWith("retired"));
            }
        }
        return rows;
    }

    /** Code without comments; string literals kept. */
    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    @Test
    void theCatalogueHoldsEachIdOnceWithinTheTiersRange() throws Exception {
        List<String> values = new ArrayList<>();
        for (Field f : JpaMessages.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                values.add((String) f.get(null));
            }
        }
        assertThat(values).isNotEmpty().doesNotHaveDuplicates().allSatisfy(id -> {
            assertThat(id).matches(ID);
            assertThat(Integer.parseInt(id.substring(6))).as(id).isBetween(1200, 1399);
        });
    }

    @Test
    void everyIdOfTheCatalogueIsDocumentedInTheJpaSectionAndEveryLiveDocumentedIdIsInTheCatalogue()
            throws Exception {
        Map<String, String> catalogue = catalogue();
        Map<String, Boolean> documented = documented();
        assertThat(documented.keySet()).as("documented in the JPA tier section").containsAll(catalogue.keySet());
        Set<String> live = new LinkedHashSet<>();
        documented.forEach((id, retired) -> {
            if (!retired) {
                live.add(id);
            }
        });
        assertThat(catalogue.keySet()).as("every live id of the JPA section is one the tier raises").containsAll(live);
    }

    @Test
    void noMainSourceButTheCatalogueSpellsAnIdAndEveryConstantIsUsed() throws Exception {
        List<String> offenders = new ArrayList<>();
        String used;
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String code = code(Files.readString(p));
                if (p.endsWith("JpaMessages.java")) {
                    continue;
                }
                all.append(code).append('\n');
                Matcher m = ID.matcher(code);
                while (m.find()) {
                    offenders.add(SOURCES.relativize(p) + ": " + m.group());
                }
            }
        }
        used = all.toString();
        assertThat(offenders).as("ids spelled outside JpaMessages").isEmpty();
        for (String constant : catalogue().values()) {
            assertThat(Pattern.compile("\\b" + constant + "\\b").matcher(used).find())
                    .as("JpaMessages.%s is raised somewhere", constant).isTrue();
        }
    }
}
