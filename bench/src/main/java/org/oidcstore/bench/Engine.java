package org.oidcstore.bench;

import java.sql.Driver;

/**
 * A database engine the durable cases run on: where the scratch database lives, how it is created
 * and dropped, which process's CPU time is the server's. MariaDB is the default of every case;
 * PostgreSQL is the engine of {@code durable-flow-pg}. Both from {@code -Dbench.*} properties whose
 * defaults are the local services of {@code .ci/services.sh}.
 */
record Engine(String label, String url, String adminUrl, String adminUser, String adminPassword, String db,
        String user, String password, Class<? extends Driver> driver, boolean postgres, String[] serverProcesses) {

    static final Engine MARIADB = new Engine("MariaDB", Bench.DB_URL, Bench.DB_ADMIN_URL, Bench.DB_USER,
            Bench.DB_PASSWORD, Bench.DB_NAME, Bench.DB_USER, Bench.DB_PASSWORD, org.mariadb.jdbc.Driver.class, false,
            new String[] {"mariadbd", "mysqld"});

    /**
     * The services' PostgreSQL lets {@code oidcstore} own databases but not create them: the
     * scratch database is created by the superuser ({@code postgres}, trusted on 127.0.0.1), owned
     * by {@code oidcstore}, which everything else connects as.
     */
    static final Engine POSTGRES = new Engine("PostgreSQL",
            System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/oidcstore_bench"),
            System.getProperty("bench.pg.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
            System.getProperty("bench.pg.admin-user", "postgres"), System.getProperty("bench.pg.admin-password", ""),
            System.getProperty("bench.pg.db", "oidcstore_bench"),
            System.getProperty("bench.pg.user", "oidcstore"), System.getProperty("bench.pg.password", "oidcstore"),
            org.postgresql.Driver.class, true, new String[] {"postgres"});

    /** The scratch database's statements: drop it, create it (MariaDB: utf8mb4, binary collation). */
    String[] recreateSql() {
        return postgres
                ? new String[] {"DROP DATABASE IF EXISTS " + db + " WITH (FORCE)", "CREATE DATABASE " + db + " OWNER " + user + " ENCODING 'UTF8'"}
                : new String[] {"DROP DATABASE IF EXISTS " + db,
                    "CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"};
    }

    String dropSql() {
        return "DROP DATABASE IF EXISTS " + db + (postgres ? " WITH (FORCE)" : "");
    }
}
