package org.oidcstore.store.jpa.internal.boot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.oidcstore.store.jpa.internal.JpaKeys;
import org.oidcstore.store.jpa.internal.JpaMessages;
import org.oidcstore.store.jpa.internal.runtime.Dialect;

/**
 * Whether the classes a configuration needs can be loaded, checked without loading them for use
 * and without any connection, so that deployment validation can name a missing jar before the
 * first request does: EclipseLink always; in Java SE mode the JDBC driver of the URL's scheme,
 * Narayana and Agroal; with migrations, Flyway and its module for the engine.
 */
public final class RequiredClasses {
    static final String ECLIPSELINK = "org.eclipse.persistence.jpa.PersistenceProvider";
    static final List<String> JAVA_SE = List.of("com.arjuna.ats.jta.TransactionManager", "io.agroal.pool.DataSource",
            "io.agroal.narayana.NarayanaTransactionIntegration");
    static final String FLYWAY = "org.flywaydb.core.Flyway";
    static final String FLYWAY_MYSQL = "org.flywaydb.database.mysql.MySQLDatabaseType";
    static final String FLYWAY_POSTGRESQL = "org.flywaydb.database.postgresql.PostgreSQLDatabaseType";

    private RequiredClasses() {
    }

    /**
     * The problems (message id first) of classes a configuration needs that none of
     * {@code loaders} can load; {@code null} loaders are skipped. Call only for settings without
     * other problems of the URL (a supported scheme).
     *
     * @param url the JDBC URL of Java SE mode, or {@code null}
     * @param containerManaged whether the store runs on a container's data source
     * @param migrate whether the migrations run at start
     */
    public static List<String> missing(String url, boolean containerManaged, boolean migrate,
            ClassLoader... loaders) {
        List<ClassLoader> from = Arrays.stream(loaders).filter(Objects::nonNull).toList();
        List<String> out = new ArrayList<>();
        if (!loads(from, ECLIPSELINK)) {
            out.add(JpaMessages.NO_ECLIPSELINK + " EclipseLink (" + ECLIPSELINK
                    + ") is not on the class path; the JPA tier deploys"
                    + " its persistence unit with it: add org.eclipse.persistence:eclipselink 4.0 to the application"
                    + " (on Payara it is the server's)");
        }
        Dialect dialect = containerManaged || url == null ? null
                : Dialect.fromUrl(url).orElse(null);
        if (dialect != null) {
            String driver = Dialect.driver(url);
            if (!loads(from, driver)) {
                out.add(JpaMessages.NO_DRIVER + " the JDBC driver for " + JpaKeys.URL + " is not on the class path ("
                        + driver + " not found); add the driver jar");
            }
            List<String> absent = JAVA_SE.stream().filter(c -> !loads(from, c)).toList();
            if (!absent.isEmpty()) {
                out.add(JpaMessages.NO_NARAYANA_OR_AGROAL + " Java SE mode (" + JpaKeys.URL
                        + ") needs Narayana and Agroal on the class"
                        + " path (missing " + absent + "); add org.jboss.narayana.jta:narayana-jta,"
                        + " io.agroal:agroal-pool and io.agroal:agroal-narayana, or use the container's data source"
                        + " (" + JpaKeys.DATASOURCE + ")");
            }
        }
        if (migrate) {
            List<String> flyway = new ArrayList<>(List.of(FLYWAY));
            if (dialect == Dialect.MARIADB) {
                flyway.add(FLYWAY_MYSQL);
            } else if (dialect == Dialect.POSTGRESQL) {
                flyway.add(FLYWAY_POSTGRESQL);
            }
            List<String> absent = flyway.stream().filter(c -> !loads(from, c)).toList();
            if (!absent.isEmpty()) {
                out.add(JpaMessages.NO_FLYWAY + " " + JpaKeys.MIGRATE + "=true needs Flyway on the class path (missing "
                        + absent + "); add org.flywaydb:flyway-core and its module for the database (flyway-mysql,"
                        + " flyway-database-postgresql), or apply the migrations by hand and set "
                        + JpaKeys.MIGRATE + "=false");
            }
        }
        return out;
    }

    private static boolean loads(List<ClassLoader> loaders, String name) {
        for (ClassLoader cl : loaders) {
            try {
                Class.forName(name, false, cl);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // not visible to this loader
            }
        }
        return false;
    }
}
