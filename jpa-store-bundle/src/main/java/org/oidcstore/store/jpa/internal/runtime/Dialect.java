package org.oidcstore.store.jpa.internal.runtime;

import java.util.Locale;
import java.util.Optional;

/**
 * The database engines the tier supports, with what differs between them: the EclipseLink
 * platform, the XA data source of the Java SE pool, and the directory of the migrations.
 * Engine-specific SQL lives next to its use in the stores, switched on this enum.
 */
public enum Dialect {
    // the platforms by name, not by class literal: a class literal would load them, and with them
    // EclipseLink, whenever the enum is initialized, which deployment validation
    // (RequiredClasses, JpaConfigSafetyCheck) must be able to do without EclipseLink
    H2("h2", "org.oidcstore.store.jpa.internal.boot.OidcH2Platform"),
    MARIADB("mariadb", "org.oidcstore.store.jpa.internal.boot.OidcMariaDbPlatform"),
    POSTGRESQL("postgresql", "org.oidcstore.store.jpa.internal.boot.OidcPostgreSqlPlatform");

    private final String directory;
    private final String platformClass;

    Dialect(String directory, String platformClass) {
        this.directory = directory;
        this.platformClass = platformClass;
    }

    /**
     * Flyway location of the migrations (also shipped in the jar for DBAs) for a database product:
     * MySQL shares MariaDB's SQL but not its NO PAD binary collation, so it has its own directory.
     */
    public String migrationLocation(String productName) {
        boolean mysql = this == MARIADB && productName != null
                && productName.toLowerCase(Locale.ROOT).contains("mysql")
                && !productName.toLowerCase(Locale.ROOT).contains("mariadb");
        return "classpath:db/oidcstore/" + (mysql ? "mysql" : directory);
    }

    public String platformClass() {
        return platformClass;
    }

    /** The dialect of a JDBC URL, by its scheme. */
    public static Optional<Dialect> fromUrl(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return Optional.of(H2);
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return Optional.of(MARIADB);
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return Optional.of(POSTGRESQL);
        }
        return Optional.empty();
    }

    /** The dialect of a connection, by {@code DatabaseMetaData.getDatabaseProductName()}. */
    public static Optional<Dialect> fromProductName(String product) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return Optional.of(H2);
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return Optional.of(MARIADB);
        }
        if (p.contains("postgres")) {
            return Optional.of(POSTGRESQL);
        }
        return Optional.empty();
    }

    /**
     * The JDBC driver class for a URL: the Java SE pool connects through the driver and enlists
     * each connection as a local, one-phase resource (see {@code AgroalPool}).
     */
    public static String driver(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (u.startsWith("jdbc:mariadb:")) {
            return "org.mariadb.jdbc.Driver";
        }
        if (u.startsWith("jdbc:mysql:")) {
            return "com.mysql.cj.jdbc.Driver";
        }
        return "org.postgresql.Driver";
    }
}
