package org.oidcstore.it.payara;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oidcstore.it.server.Listeners;
import org.oidcstore.it.server.LogRecords;
import org.oidcstore.it.server.RefusedWars;

/**
 * Payara Micro refuses a WAR that cannot work while it deploys it, and serves nothing under its
 * context root: the composite's validation finds settings problems and missing libraries without
 * connecting, the JPA tier's migrations at start what only the data source can tell. All the WARs
 * are deployed at the boot of one Payara Micro process started here (one start instead of one per
 * WAR); Payara names no application in its failure records, so each WAR's records are the ones
 * that carry its problem ids (the WARs' ids differ).
 *
 * <p>Payara reports a failed deployment in two records ("Exception during lifecycle processing",
 * with a stack trace, and "Exception while loading the app"), and GlassFish's
 * {@code DeploymentException(String, Throwable)} appends {@code " -- "} and its cause's message to
 * its own message, which already holds Weld's message: each record quotes Weld's message twice.
 * Each problem must appear exactly once in each quote.
 */
class RefusedDeploymentsIT {
    private static final int PORT = 8180;
    /** A record of Payara's log starts with its ISO timestamp in brackets. */
    private static final Pattern RECORD = Pattern.compile("\\[\\d{4}-\\d\\d-\\d\\dT");
    private static final String DEFAULT_POOL_URL = "set resources.jdbc-connection-pool.H2Pool.property.URL=";
    private static PayaraMicroProcess payara;
    private static List<String> records;

    /**
     * The WARs, exported in the order Payara deploys them, and the module's preboot file with
     * one change: Payara's default database ({@code jdbc/__default}, a fresh H2 file per start)
     * already holds another application's table when the store migrates it
     * ({@link RefusedWars#NOT_EMPTY_H2_INIT}). The migration's data source is the server's: a data
     * source the WAR defines itself is not bound yet when the JPA tier migrates on Payara
     * (it/README.md, Payara Micro, point 6).
     */
    @BeforeAll
    static void deployEveryRefusedWarInOnePayaraStart() throws Exception {
        Path dir = Path.of(System.getProperty("payara.tmp")).getParent().resolve("refused-wars");
        Files.createDirectories(dir);
        List<Path> wars = new ArrayList<>();
        for (WebArchive war : List.of(RefusedWars.redisWithoutSettings(PayaraServer.durable()),
                RefusedWars.redisWithoutSlf4j(PayaraServer.durable()), RefusedWars.unboundDataSource(PayaraServer.durable()),
                RefusedWars.migrationFails(PayaraServer.durable()), RefusedWars.severalProblems(PayaraServer.durable()))) {
            Path file = dir.resolve(war.getName());
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            wars.add(file);
        }
        Path preboot = dir.resolve("preboot.txt");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("payara.preboot")))) {
            lines.add(line.startsWith(DEFAULT_POOL_URL) ? line + ";INIT=" + RefusedWars.NOT_EMPTY_H2_INIT : line);
        }
        assertThat(lines).as("the module's preboot file sets " + DEFAULT_POOL_URL).anyMatch(l -> l.contains("INIT="));
        Files.write(preboot, lines);
        long start = System.nanoTime();
        payara = PayaraMicroProcess.boot(wars, PORT, preboot, dir.resolve("payara-console.log"), 600);
        System.out.println("[refused on Payara] one start deploying " + wars.size() + " refused WARs: "
                + (System.nanoTime() - start) / 1_000_000 + " ms to ready");
        records = LogRecords.split(payara.lines(), RECORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (payara != null) {
            payara.close();
        }
    }

    @Test
    void aRedisTierWithoutItsSettingsIsRefusedAtDeployment() throws Exception {
        Refusal r = refusal(RefusedWars.REDIS_WITHOUT_SETTINGS, List.of("OIDCS-1401", "OIDCS-1405"));
        r.assertEachProblemOncePerQuote();
    }

    /** Payara gives applications no SLF4J: the WAR must carry slf4j-api, and without it is refused. */
    @Test
    void aRedisTierWithoutSlf4jIsRefusedAtDeployment() throws Exception {
        Refusal r = refusal(RefusedWars.REDIS_WITHOUT_SLF4J, List.of("OIDCS-1470"));
        assertThat(r.text()).contains("org.slf4j.LoggerFactory does not load");
        r.assertEachProblemOncePerQuote();
    }

    @Test
    void aDataSourceNameNothingBindsIsRefusedWhenTheApplicationStarts() throws Exception {
        Refusal r = refusal(RefusedWars.UNBOUND_DATA_SOURCE, List.of("OIDCS-1221"));
        assertThat(r.text()).as("the migration at start opened the store").contains("JpaStoreProducer.migrateAtStart")
                .contains(RefusedWars.UNBOUND_JNDI);
        r.assertEachProblemOncePerQuote();
    }

    @Test
    void aMigrationThatFailsIsRefusedWhenTheApplicationStarts() throws Exception {
        Refusal r = refusal(RefusedWars.MIGRATION_FAILS, List.of("OIDCS-1223"));
        assertThat(r.text()).as("the migration at start ran").contains("JpaStoreProducer.migrateAtStart");
        r.assertEachProblemOncePerQuote();
    }

    @Test
    void severalProblemsAreEachShownOnceInEveryQuoteOfTheRefusal() throws Exception {
        Refusal r = refusal(RefusedWars.SEVERAL_PROBLEMS, List.of("OIDCS-2001", "OIDCS-1011", "OIDCS-1205",
                "OIDCS-1101"));
        r.assertEachProblemOncePerQuote();
    }

    @Test
    void theProcessListensOnLoopbackOnly() throws Exception {
        List<Listeners.Listener> listeners = Listeners.of(payara.pid());
        assertThat(listeners).as("HTTP listener").anyMatch(l -> l.port() == PORT);
        assertThat(listeners).as("only 127.0.0.1").allMatch(Listeners.Listener::loopback);
    }

    /**
     * The records of {@code war}'s refusal (those carrying its ids), checked to be the refusal at
     * deployment: logged before Payara was ready, naming exactly these ids; nothing was deployed
     * and nothing serves the context root.
     */
    private static Refusal refusal(String war, List<String> ids) throws Exception {
        List<String> ours = LogRecords.mentioning(records, ids);
        assertThat(ours).as("Payara's records of the refusal of " + war).isNotEmpty();
        assertThat(LogRecords.ids(String.join("\n", ours))).containsExactlyElementsOf(ids);
        int ready = indexOf(" ready in ");
        assertThat(ours).allMatch(r -> records.indexOf(r) < ready, "logged while deploying, before 'ready'");
        assertThat(records.get(indexOf("\"Instance Configuration\""))).as("Payara's list of deployed applications")
                .doesNotContain(war);
        assertThat(LogRecords.status(URI.create("http://127.0.0.1:" + PORT + "/" + war + "/")))
                .as("nothing serves /" + war + "/").isEqualTo(404);
        return new Refusal(war, ids, ours);
    }

    private static int indexOf(String fragment) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no record with '" + fragment + "' in Payara's log");
    }

    /** What Payara logged about one refused WAR. */
    private record Refusal(String war, List<String> ids, List<String> records) {
        String text() {
            return String.join("\n", records);
        }

        /** In every record, each id twice: once in each of the two quotes of the failure's message. */
        void assertEachProblemOncePerQuote() {
            System.out.println("[refused on Payara] " + war + ": " + text().lines().count() + " lines in "
                    + records.size() + " records; times per record " + LogRecords.timesPerRecord(records, ids));
            for (String record : records) {
                assertThat(record).as("GlassFish's 'message -- cause message'").contains(" -- ");
                for (String id : ids) {
                    assertThat(LogRecords.count(record, id)).as(id + " in the record:\n" + record).isEqualTo(2);
                }
            }
        }
    }
}
