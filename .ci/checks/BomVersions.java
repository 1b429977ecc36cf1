import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM (bom/pom.xml) has no parent, so its versions are written out again: this check fails when
 * one differs from the root pom's property of the same name, when its own version is not the
 * build's, or when it manages an org.oidcstore artifact that no module of the build produces.
 * Usage: java .ci/checks/BomVersions.java [repository root]
 */
public class BomVersions {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Element rootPom = parse(root.resolve("pom.xml"));
        Element bom = parse(root.resolve("bom/pom.xml"));
        List<String> problems = new ArrayList<>();

        String buildVersion = child(rootPom, "version").getTextContent().trim();
        String bomVersion = child(bom, "version").getTextContent().trim();
        if (!buildVersion.equals(bomVersion)) {
            problems.add("bom version " + bomVersion + " is not the build's " + buildVersion);
        }
        Element rootProps = child(rootPom, "properties");
        for (Element p : children(child(bom, "properties"))) {
            Element same = child(rootProps, p.getTagName());
            String want = same == null ? null : same.getTextContent().trim();
            String have = p.getTextContent().trim();
            if (want == null) {
                problems.add("bom property " + p.getTagName() + " has no counterpart in the root pom");
            } else if (!want.equals(have)) {
                problems.add("bom property " + p.getTagName() + " = " + have + ", the build tests " + want);
            }
            System.out.printf("%-28s %s%n", p.getTagName(), have);
        }
        List<String> modules = moduleArtifacts(root);
        NodeList deps = child(child(bom, "dependencyManagement"), "dependencies").getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if ("org.oidcstore".equals(child(d, "groupId").getTextContent().trim())) {
                String a = child(d, "artifactId").getTextContent().trim();
                if (!modules.contains(a)) {
                    problems.add("bom manages org.oidcstore:" + a + ", which no module of the build produces");
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.out.println("FAIL: " + p));
            System.exit(1);
        }
        System.out.println("bom: " + deps.getLength() + " managed artifacts, versions as the build's");
    }

    private static List<String> moduleArtifacts(Path root) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> poms = Files.walk(root)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("/target/")).toList()) {
                Element a = child(parse(pom), "artifactId");
                if (a != null) {
                    out.add(a.getTextContent().trim());
                }
            }
        }
        return out;
    }

    private static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(pom.toFile());
        return d.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
