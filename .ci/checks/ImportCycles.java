import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds import circles between the files of the repository's main sources. File A depends on file
 * B when A imports B (or one of its nested types), names it fully qualified, or, in the same
 * package, names it. An import circle is a circle of such dependencies that crosses a package
 * boundary at least once (so at least one edge is an import): then neither package can be read,
 * tested or changed without the other. Circles inside one package are the package's own business
 * and only counted.
 *
 * <p>Run from the repository root: {@code java .ci/checks/ImportCycles.java} (exit 1 on a circle).
 */
public class ImportCycles {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?;");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(org\\.oidcstore(?:\\.\\w+)+)");
    private static final Pattern TYPE_NAME = Pattern.compile("\\b([A-Z]\\w*)\\b");

    record Source(Path path, String pkg, String type, String code) {
        String fqn() {
            return pkg + "." + type;
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/") && !p.endsWith("package-info.java")).sorted().toList()) {
                String text = Files.readString(p);
                Matcher m = PACKAGE.matcher(text);
                String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                        // runs of plain characters matched possessively: one loop iteration per run, not per
                        // character (the regex engine recurses per iteration; a long literal overflowed the stack)
                        .replaceAll("\"(?:[^\"\\\\]++|\\\\.)*+\"", "\"\"");
                sources.add(new Source(root.relativize(p), m.find() ? m.group(1) : "",
                        p.getFileName().toString().replace(".java", ""), code));
            }
        }
        Map<String, Source> byFqn = new HashMap<>();
        Map<String, Map<String, Source>> byPackage = new HashMap<>();
        sources.forEach(s -> {
            byFqn.put(s.fqn(), s);
            byPackage.computeIfAbsent(s.pkg(), k -> new HashMap<>()).put(s.type(), s);
        });
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Source s : sources) {
            Set<String> out = edges.computeIfAbsent(s.fqn(), k -> new TreeSet<>());
            for (Pattern p : List.of(IMPORT, QUALIFIED)) {
                Matcher m = p.matcher(s.code());
                while (m.find()) {
                    String target = m.group(1);
                    while (!byFqn.containsKey(target) && target.contains(".")) {
                        target = target.substring(0, target.lastIndexOf('.')); // nested or static members
                    }
                    if (byFqn.containsKey(target) && !target.equals(s.fqn())) {
                        out.add(target);
                    }
                }
            }
            Map<String, Source> siblings = byPackage.get(s.pkg());
            String body = s.code().replaceAll("(?m)^(package|import)\\s[^;]*;", "");
            Matcher m = TYPE_NAME.matcher(body);
            while (m.find()) {
                Source t = siblings.get(m.group(1));
                if (t != null && t != s) {
                    out.add(t.fqn());
                }
            }
        }
        Map<String, String> pkgOf = new HashMap<>();
        sources.forEach(s -> pkgOf.put(s.fqn(), s.pkg()));
        int local = 0;
        List<List<String>> crossing = new ArrayList<>();
        for (List<String> c : stronglyConnected(edges)) {
            if (c.stream().map(pkgOf::get).distinct().count() > 1) {
                crossing.add(c);
            } else {
                local++;
            }
        }
        for (List<String> c : crossing) {
            System.out.println("import circle:");
            for (String a : c) {
                for (String b : edges.get(a)) {
                    if (c.contains(b)) {
                        System.out.println("    " + a + " -> " + b);
                    }
                }
            }
        }
        System.out.println(crossing.isEmpty()
                ? "OK: no import circle between " + sources.size() + " files (" + local + " circles within one package)"
                : "FAIL: " + crossing.size() + " import circle(s); " + local + " more within single packages");
        System.exit(crossing.isEmpty() ? 0 : 1);
    }

    /** Tarjan's algorithm: the components of more than one file. */
    static List<List<String>> stronglyConnected(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String n : edges.keySet()) {
            if (!index.containsKey(n)) {
                connect(n, edges, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                out.add(component);
            }
        }
    }
}
