package org.oidcstore.it.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.oidcstore.it.server.LogRecords;
import org.oidcstore.it.server.RefusedWars;

/**
 * WildFly refuses a WAR that cannot work while it deploys it: the deploy operation fails, with the
 * problem ids in the failure the deployer receives, and the context root never serves a request.
 * The composite's validation finds settings problems without connecting; the JPA tier's migrations
 * at start find what only the data source can tell. For each WAR, its part of {@code server.log}
 * (from its {@code WFLYSRV0027 Starting deployment} on) is read back: WildFly reports a failed
 * deployment in several records (the service failure {@code MSC000001} with the exception, the
 * operation's failure description {@code WFLYCTL0013}, the rollback {@code WFLYSRV0021}), and
 * each of them must show each problem once.
 *
 * <p>One server start for all of them (the managed container is shared by the module's classes);
 * each WAR is deployed by its test through the {@link Deployer}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefusedDeploymentsIT {
    /** A record of server.log starts with its timestamp. */
    private static final Pattern RECORD = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} ");

    private static final String NOT_EMPTY_JNDI = "java:app/jdbc/oidc-store-not-empty";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = RefusedWars.REDIS_WITHOUT_SETTINGS, managed = false, testable = false)
    static WebArchive redisWithoutSettings() {
        return RefusedWars.redisWithoutSettings(WildFlyServer.durable());
    }

    @Deployment(name = RefusedWars.UNBOUND_DATA_SOURCE, managed = false, testable = false)
    static WebArchive unboundDataSource() {
        return RefusedWars.unboundDataSource(WildFlyServer.durable());
    }

    /**
     * The database the migration refuses is the WAR's own Jakarta EE data source
     * ({@code <data-source>} in {@code web.xml}): in-memory H2 holding another application's table.
     * WildFly resolves the data source's class through the deployment's module, which sees the
     * server's H2 module only when the WAR asks for it (manifest {@code Dependencies}).
     */
    @Deployment(name = RefusedWars.MIGRATION_FAILS, managed = false, testable = false)
    static WebArchive migrationFails() {
        Map<String, String> config = WildFlyServer.durable();
        config.put("oidc.store.jpa.datasource", NOT_EMPTY_JNDI);
        return RefusedWars.migrationFails(config).setWebXML(new StringAsset("""
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <data-source>
                    <name>%s</name>
                    <class-name>org.h2.jdbcx.JdbcDataSource</class-name>
                    <url>jdbc:h2:mem:oidc-store-not-empty;DB_CLOSE_DELAY=-1;INIT=%s</url>
                  </data-source>
                </web-app>
                """.formatted(NOT_EMPTY_JNDI, RefusedWars.NOT_EMPTY_H2_INIT)))
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: com.h2database.h2\n"));
    }

    @Deployment(name = RefusedWars.SEVERAL_PROBLEMS, managed = false, testable = false)
    static WebArchive severalProblems() {
        return RefusedWars.severalProblems(WildFlyServer.durable());
    }

    @Test
    void aRedisTierWithoutItsSettingsIsRefusedAtDeployment() throws Exception {
        Refusal r = refuse(RefusedWars.REDIS_WITHOUT_SETTINGS);
        assertThat(r.deployerIds()).containsExactly("OIDCS-1401", "OIDCS-1405");
        assertThat(r.logIds()).containsExactly("OIDCS-1401", "OIDCS-1405");
        r.assertEachProblemOncePerRecord(List.of("OIDCS-1401", "OIDCS-1405"));
    }

    @Test
    void aDataSourceNameNothingBindsIsRefusedWhenTheApplicationStarts() throws Exception {
        Refusal r = refuse(RefusedWars.UNBOUND_DATA_SOURCE);
        assertThat(r.deployerIds()).containsExactly("OIDCS-1221");
        assertThat(r.logIds()).containsExactly("OIDCS-1221");
        assertThat(r.log()).as("the migration at start opened the store").contains("JpaStoreProducer.migrateAtStart")
                .contains(RefusedWars.UNBOUND_JNDI);
        r.report(List.of("OIDCS-1221"));
    }

    @Test
    void aMigrationThatFailsIsRefusedWhenTheApplicationStarts() throws Exception {
        Refusal r = refuse(RefusedWars.MIGRATION_FAILS);
        assertThat(r.deployerIds()).containsExactly("OIDCS-1223");
        assertThat(r.logIds()).containsExactly("OIDCS-1223");
        assertThat(r.log()).as("the migration at start ran").contains("JpaStoreProducer.migrateAtStart")
                .contains("FlywayException"); // Flyway's refusal is the cause
        r.report(List.of("OIDCS-1223"));
    }

    @Test
    void severalProblemsAreEachShownOnceInEveryRecordOfTheRefusal() throws Exception {
        Refusal r = refuse(RefusedWars.SEVERAL_PROBLEMS);
        List<String> ids = List.of("OIDCS-2001", "OIDCS-1011", "OIDCS-1205", "OIDCS-1101");
        assertThat(r.deployerIds()).containsExactlyElementsOf(ids);
        assertThat(r.logIds()).containsExactlyElementsOf(ids);
        r.assertEachProblemOncePerRecord(ids);
    }

    /** Deploys {@code name}, which must fail, and collects what the deployer and the log say. */
    private Refusal refuse(String name) throws Exception {
        Throwable failure = catchThrowable(() -> deployer.deploy(name));
        assertThat(failure).as("the deployment of " + name + " failed").isNotNull();
        assertThat(LogRecords.status(URI.create("http://127.0.0.1:8080/" + name + "/")))
                .as("nothing serves /" + name + "/ after the refusal").isEqualTo(404);
        return new Refusal(name, LogRecords.printed(failure), section(name + ".war"));
    }

    /** server.log from the latest start of {@code war}'s deployment on. */
    private static List<String> section(String war) throws Exception {
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        String start = "WFLYSRV0027: Starting deployment of \"" + war + "\"";
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(start)) {
                from = i;
            }
        }
        assertThat(from).as("'" + start + "' in " + log).isNotNegative();
        return lines.subList(from, lines.size());
    }

    /** What WildFly said about one refused WAR. */
    private record Refusal(String name, String deployerSaw, List<String> lines) {
        String log() {
            return String.join("\n", lines);
        }

        List<String> deployerIds() {
            return LogRecords.ids(deployerSaw);
        }

        List<String> logIds() {
            return LogRecords.ids(log());
        }

        List<String> records(List<String> ids) {
            return LogRecords.mentioning(LogRecords.split(lines, RECORD), ids);
        }

        /** Every record that reports the refusal prints each problem id exactly once. */
        void assertEachProblemOncePerRecord(List<String> ids) {
            List<String> records = records(ids);
            report(ids);
            assertThat(records).as("WildFly's records of the refusal of " + name).isNotEmpty();
            for (String record : records) {
                for (String id : ids) {
                    assertThat(LogRecords.count(record, id)).as(id + " in the record:\n" + record).isOne();
                }
            }
        }

        /** The numbers of the report: lines of the WAR's log, records, and each id's count per record. */
        void report(List<String> ids) {
            System.out.println("[refused on WildFly] " + name + ": " + lines.size() + " lines of server.log, "
                    + records(ids).size() + " records with a problem id; times per record "
                    + LogRecords.timesPerRecord(records(ids), ids));
        }
    }
}
