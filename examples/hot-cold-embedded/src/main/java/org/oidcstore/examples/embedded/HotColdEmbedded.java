package org.oidcstore.examples.embedded;

import org.oidcstore.examples.workload.ExampleMain;

/**
 * The README's first command: the hot/cold split in one JVM. Durable tier: H2 in memory under JTA
 * (Narayana); volatile tier: the in-process memory tier; the composite routes each kind and the
 * provider workload runs through the injected stores. Configuration:
 * {@code src/main/resources/META-INF/microprofile-config.properties}.
 */
public final class HotColdEmbedded {
    private HotColdEmbedded() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(ExampleMain.run("hot/cold split, embedded (H2 durable + memory volatile)", args));
    }
}
