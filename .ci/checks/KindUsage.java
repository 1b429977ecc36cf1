import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How many main source files name each kind's constant or API types (see {@link #namesKind}:
 * backend classes named after the kind count too), outside the modules that
 * define or exercise every kind (store-api-bundle, store-tck, examples, bench). Adding a kind must
 * stay a local change: at most {@value #LIMIT} such files per kind, and none in the composite or
 * the OSGi service, whose wiring is derived from StoreKind, except the files of a feature of one
 * kind ({@link #FEATURES}), which count toward that kind's total like any backend file.
 *
 * <p>Run from the repository root: {@code java .ci/checks/KindUsage.java} (exit 1 on a breach).
 */
public class KindUsage {
    static final int LIMIT = 8;
    /**
     * Modules that define or exercise every kind, .ci/bom-consumer (a user's project, like examples/)
     * and adapters that put a framework on the API (they use kinds as a provider does, never host one).
     */
    static final List<String> EXCLUDED = List.of("store-api-bundle/", "store-tck/", "examples/", "bench/", ".ci/",
            "spring-authorization-server-adapter/");
    static final List<String> DERIVED = List.of("composite-bundle/", "osgi-service-bundle/");
    /**
     * Files of the composite that implement a feature of one kind rather than wiring: they may name
     * that kind, and they count toward its total. Static clients (declared by configuration keys or
     * {@code @StaticClient} beans, checked at deployment, seeded through the Clients backend's
     * {@code StaticClientReconciler}) are a feature of CLIENTS that the composite offers over any
     * backend; every file of it is named {@code StaticClient*}. Path prefix to the kind it may name.
     */
    static final Map<String, String> FEATURES = Map.of(
            "composite-bundle/src/main/java/org/oidcstore/store/composite/StaticClient", "CLIENTS",
            "composite-bundle/src/main/java/org/oidcstore/store/composite/internal/StaticClient", "CLIENTS");

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Map<String, List<String>> kinds = kinds(root);
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/")).sorted().toList();
        }
        Set<String> projectClasses = new HashSet<>();
        sources.forEach(p -> projectClasses.add(p.getFileName().toString().replace(".java", "")));
        boolean ok = true;
        System.out.printf("%-32s %5s  %s%n", "kind", "files", "(composite/OSGi files)");
        for (Map.Entry<String, List<String>> k : kinds.entrySet()) {
            TreeSet<String> files = new TreeSet<>();
            TreeSet<String> derived = new TreeSet<>();
            for (Path p : sources) {
                String rel = root.relativize(p).toString();
                if (EXCLUDED.stream().anyMatch(rel::startsWith)) {
                    continue;
                }
                if (namesKind(code(Files.readString(p)), k.getKey(), k.getValue().subList(1, k.getValue().size()),
                        projectClasses)) {
                    files.add(rel);
                    boolean feature = FEATURES.entrySet().stream()
                            .anyMatch(f -> rel.startsWith(f.getKey()) && f.getValue().equals(k.getKey()));
                    if (DERIVED.stream().anyMatch(rel::startsWith) && !feature) {
                        derived.add(rel);
                    }
                }
            }
            boolean breach = files.size() > LIMIT || !derived.isEmpty();
            ok &= !breach;
            System.out.printf("%-32s %5d  %s%s%n", k.getKey(), files.size(), derived.isEmpty() ? "" : derived,
                    breach ? "  <-- over the limit" : "");
            if (args.length > 1 && args[1].equals("-v")) {
                files.forEach(f -> System.out.println("    " + f));
            }
        }
        System.out.println(ok ? "OK: every kind is named in at most " + LIMIT + " files, none in the composite or OSGi"
                : "FAIL: a kind is spelled out in too many places");
        System.exit(ok ? 0 : 1);
    }

    /**
     * Whether a source names the kind: its constant, one of its API types where the file can see the
     * API's type (imported, or the API package itself: EclipseLink's own {@code Session} is not
     * ours), or a class of this repository named after one of them ({@code JpaSessionStore},
     * {@code GrantRow}, {@code StaticClient}; EclipseLink's {@code DatabaseSession} is not one).
     * Methods and variables ({@code revokeByGrant}, {@code grantId}) are no type and never count.
     */
    static boolean namesKind(String code, String constant, List<String> types, Set<String> projectClasses) {
        if (Pattern.compile("\\b" + constant + "\\b").matcher(code).find()) {
            return true;
        }
        boolean apiPackage = code.contains("package org.oidcstore.store;") || code.contains("import org.oidcstore.store.*;");
        Matcher m = Pattern.compile("\\b[A-Z]\\w*\\b").matcher(code);
        while (m.find()) {
            String id = m.group();
            for (String t : types) {
                if (id.equals(t) && (apiPackage || code.contains("org.oidcstore.store." + t + ";")
                        || code.contains("org.oidcstore.store." + t + "."))) {
                    return true;
                }
                if (id.length() > t.length() && id.endsWith(t) && projectClasses.contains(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Each StoreKind constant with the API types it names (its interface and the types in its signatures). */
    static Map<String, List<String>> kinds(Path root) throws IOException {
        Path api = root.resolve("store-api-bundle/src/main/java/org/oidcstore/store");
        String kindSource = Files.readString(api.resolve("StoreKind.java"));
        Matcher m = Pattern.compile("\\n    ([A-Z_]+)\\((\\w+)\\.class").matcher(kindSource);
        Map<String, List<String>> out = new TreeMap<>();
        Map<String, List<String>> records = new TreeMap<>();
        Map<String, Integer> users = new java.util.HashMap<>();
        while (m.find()) {
            List<String> names = new ArrayList<>(List.of(m.group(1), m.group(2)));
            List<String> types = recordTypes(api, m.group(2));
            types.forEach(t -> users.merge(t, 1, Integer::sum));
            records.put(m.group(1), types);
            out.put(m.group(1), names);
        }
        // a record several kinds share (Approval, PollResult) is the family's, not one kind's: a file
        // that names only such records names none of the kinds in particular
        records.forEach((kind, types) -> types.stream().filter(t -> users.get(t) == 1).forEach(out.get(kind)::add));
        return out;
    }

    /** The record types of the API package that a substore interface's methods take or return. */
    static List<String> recordTypes(Path api, String iface) throws IOException {
        String src = code(Files.readString(api.resolve(iface + ".java")));
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(api)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String type = p.getFileName().toString().replace(".java", "");
                String text = Files.readString(p);
                if (!type.equals(iface) && text.contains("public record " + type)
                        && Pattern.compile("\\b" + type + "\\b").matcher(src).find()
                        && !type.equals("KeysetPage")) {
                    out.add(type);
                }
            }
        }
        return out;
    }

    /** The source without comments, so that Javadoc mentions do not count. */
    static String code(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
