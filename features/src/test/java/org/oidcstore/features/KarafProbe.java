package org.oidcstore.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.oidcstore.features.probe.Probe;

/**
 * The probe bundle in the test's Karaf: assembled from the compiled classes of
 * {@code org.oidcstore.features.probe}, installed started, read through the result files it writes
 * for every {@code OidcStore} service that appears ({@code <karaf>/data/probe/<service.id>.txt}).
 */
final class KarafProbe {
    static final String SYMBOLIC_NAME = "org.oidcstore.features.probe";

    private final Karaf karaf;
    private final Path output;

    KarafProbe(Karaf karaf) {
        this.karaf = karaf;
        this.output = karaf.home().resolve("data").resolve("probe");
    }

    /** Assembles the probe bundle from the compiled test classes and installs it, started. */
    void install() throws Exception {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", Probe.class.getName());
        a.putValue("Import-Package", "org.oidcstore.store;version=\"[1.0,2)\",org.osgi.framework,org.osgi.util.tracker");
        a.putValue("Oidc-Probe-Output", output.toString());
        Path jar = karaf.home().resolve("data/oidc-probe.jar");
        Path classes = Path.of(System.getProperty("probe.classes"));
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf);
                Stream<Path> files = Files.walk(classes.resolve("org/oidcstore/features/probe"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        String out = karaf.run("bundle:install -s " + jar.toUri());
        assertThat(out).as(out).contains("Bundle ID");
    }

    void uninstall() throws Exception {
        karaf.run("bundle:uninstall " + SYMBOLIC_NAME);
    }

    /** Waits for a probe result containing {@code marker}, newer than any seen before (each is read once). */
    String await(String marker) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (Files.isDirectory(output)) {
                try (Stream<Path> files = Files.list(output)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                        String text = Files.readString(f);
                        if (text.contains(marker)) {
                            Files.delete(f);
                            return text;
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        String log = karaf.log();
        throw new AssertionError("no probe result with " + marker + " within 90 s; services: "
                + karaf.run("service:list " + KarafFeaturesIT.SERVICE) + "\nlog tail:\n"
                + (log.length() > 8000 ? log.substring(log.length() - 8000) : log));
    }

    /** The value of {@code key=value} in a probe result. */
    static String value(String result, String key) {
        for (String part : result.split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + " in the probe result " + result);
    }
}
