package org.oidcstore.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The generated features file, before any Karaf runs: well-formed, every placeholder filled, our
 * bundles at this build's version, every feature it depends on defined in it, and every third-party
 * bundle at the version this build resolves (it must be in the test class path). Resolution itself
 * is proven by {@link KarafFeaturesIT} in a real Karaf.
 */
class FeaturesFileTest {
    private static final Path FILE = Path.of("target/feature/features.xml");

    private static Document parse() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(FILE.toFile());
    }

    @Test
    void everyPlaceholderIsFilledAndEveryFeatureDependencyIsDefined() throws Exception {
        assertThat(Files.readString(FILE)).doesNotContain("${");
        Document d = parse();
        Set<String> defined = new HashSet<>();
        NodeList features = d.getDocumentElement().getElementsByTagNameNS("*", "feature");
        List<String> references = new ArrayList<>();
        for (int i = 0; i < features.getLength(); i++) {
            Element e = (Element) features.item(i);
            if (e.getParentNode() == d.getDocumentElement()) {
                defined.add(e.getAttribute("name"));
            } else {
                references.add(e.getTextContent().trim());
            }
        }
        assertThat(defined).containsExactlyInAnyOrder("oidc-store-api", "oidc-store-memory", "oidc-store-redis",
                "oidc-store-composite", "oidc-store-service", "oidc-store-jta", "oidc-store-jpa", "oidc-store-jdbc-h2",
                "oidc-store-jdbc-mariadb", "oidc-store-jdbc-postgresql", "oidc-store");
        assertThat(defined).containsAll(references);
    }

    @Test
    void everyBundleIsOnTheBuildsClassPathAtTheSameVersion() throws Exception {
        NodeList bundles = parse().getDocumentElement().getElementsByTagNameNS("*", "bundle");
        String classPath = System.getProperty("java.class.path").replace('\\', '/');
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        assertThat(bundles.getLength()).isGreaterThan(15);
        for (int i = 0; i < bundles.getLength(); i++) {
            String url = bundles.item(i).getTextContent().trim();
            String mvn = url.substring(url.indexOf("mvn:") + 4).replaceAll("\\$.*", "");
            String[] gav = mvn.split("/");
            assertThat(gav).as(url).hasSize(3);
            if (gav[0].equals("org.oidcstore")) {
                assertThat(gav[2]).as(url).isEqualTo(version);
                continue;
            }
            String path = gav[0].replace('.', '/') + "/" + gav[1] + "/" + gav[2] + "/" + gav[1] + "-" + gav[2] + ".jar";
            assertThat(classPath).as("%s is a dependency of this module at that version", url).contains(path);
        }
    }
}
