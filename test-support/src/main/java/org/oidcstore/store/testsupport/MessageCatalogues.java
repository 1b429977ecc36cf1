package org.oidcstore.store.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ties a module's message catalogue (the one class holding every {@code OIDCS-nnnn} id the module
 * uses, as {@code static final String} constants) to {@code docs/message-ids.md} and to the
 * module's main sources: every id of the catalogue is documented, not retired, and in the module's
 * range; no main source but the catalogue spells an id in code (comments may); every constant is
 * used. Each module's catalogue test calls {@link #check}; it runs in the module's directory.
 */
public final class MessageCatalogues {
    private static final Pattern ID = Pattern.compile("OIDCS-\\d{4}");
    private static final Pattern ROW = Pattern.compile("(?m)^\\|\\s*(OIDCS-\\d{4})\\s*\\|\\s*([^|]*)\\|");

    private MessageCatalogues() {
    }

    /**
     * Checks {@code catalogue} against the documentation and the module's main sources.
     *
     * @param from the first id of the module's range in {@code docs/message-ids.md} (e.g. 1400)
     * @param to the last id of that range (e.g. 1599)
     */
    public static void check(Class<?> catalogue, int from, int to) {
        Map<String, String> ids = ids(catalogue);
        assertThat(ids).as("the catalogue %s holds the module's ids", catalogue.getSimpleName()).isNotEmpty();
        assertThat(new TreeSet<>(ids.values())).as("each id has one constant").hasSize(ids.size());

        Map<String, String> documented = documented();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            String id = e.getValue();
            int n = Integer.parseInt(id.substring("OIDCS-".length()));
            assertThat(n).as("%s.%s = %s lies in the module's range", catalogue.getSimpleName(), e.getKey(), id)
                    .isBetween(from, to);
            assertThat(documented).as("docs/message-ids.md documents %s (%s)", id, e.getKey()).containsKey(id);
            assertThat(documented.get(id)).as("%s is not retired in docs/message-ids.md", id)
                    .doesNotStartWith("retired");
        }

        Path main = Path.of("src", "main", "java");
        Path own = main.resolve(catalogue.getName().replace('.', '/') + ".java");
        assertThat(own).as("the catalogue's source").exists();
        List<String> literals = new ArrayList<>();
        Map<String, Boolean> used = new LinkedHashMap<>();
        ids.keySet().forEach(k -> used.put(k, false));
        for (Path p : sources(main)) {
            if (p.equals(own)) {
                continue;
            }
            String code = code(read(p));
            Matcher m = ID.matcher(code);
            while (m.find()) {
                literals.add(main.relativize(p) + ": " + m.group());
            }
            used.replaceAll((name, u) -> u || Pattern.compile("\\b" + name + "\\b").matcher(code).find());
        }
        assertThat(literals).as("ids spelled outside the catalogue %s", catalogue.getSimpleName()).isEmpty();
        assertThat(used.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList())
                .as("catalogue constants no main source uses").isEmpty();
    }

    /** The catalogue's id constants: name → id. */
    public static Map<String, String> ids(Class<?> catalogue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : catalogue.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() == String.class) {
                try {
                    f.setAccessible(true);
                    String v = (String) f.get(null);
                    if (v != null && ID.matcher(v).matches()) {
                        out.put(f.getName(), v);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new AssertionError("cannot read " + f, e);
                }
            }
        }
        return out;
    }

    /** The rows of {@code docs/message-ids.md}: id → meaning. */
    public static Map<String, String> documented() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ROW.matcher(read(repositoryRoot().resolve("docs/message-ids.md")));
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2).trim());
        }
        return out;
    }

    /** The repository root: the nearest directory above the working directory that has {@code docs/message-ids.md}. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/message-ids.md"))) {
                return p;
            }
        }
        throw new AssertionError("docs/message-ids.md not found above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> sources(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Source without comments (ids in Javadoc are prose), string and character literals kept: a
     * {@code //} inside {@code "rediss://"} is no comment.
     */
    static String code(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                int stop = end < 0 ? n : end + 3;
                out.append(src, i, stop);
                i = stop;
            } else if (c == '"' || c == '\'') {
                int start = i++;
                while (i < n && src.charAt(i) != c) {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
                out.append(src, start, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
