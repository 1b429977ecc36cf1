package org.oidcstore.store.jpa.internal.boot;

import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.jpa.internal.JpaMessages;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.JpaExceptions;

/**
 * The schema migrations, run by Flyway from {@code db/oidcstore/<dialect>/V<n>__*.sql} (shipped in
 * the jar, so DBAs can apply them by hand), with the history in {@value #HISTORY_TABLE}. The
 * migrations run on their own connections outside any JTA transaction: DDL commits implicitly on
 * MariaDB and must not be enlisted.
 */
public final class Migrations {
    public static final String HISTORY_TABLE = "oidc_store_schema_history";

    private Migrations() {
    }

    /** A Flyway configuration of the tier for a database; the caller adds the data source. */
    public static FluentConfiguration configure(Dialect dialect, String productName) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .locations(dialect.migrationLocation(productName))
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true);
    }

    /** Migrates to the newest version; a schema already there is left alone. */
    static void migrate(Dialect dialect, String productName, UnaryOperator<FluentConfiguration> dataSource) {
        try {
            dataSource.apply(configure(dialect, productName)).load().migrate();
        } catch (FlywayException e) {
            RuntimeException t = JpaExceptions.translate("schema", "migrate", e);
            if (t instanceof StoreException s && !(t.getClass() == StoreException.class)) {
                throw s;
            }
            throw new StoreConfigurationException(JpaMessages.MIGRATION_FAILED + " the schema migration failed ("
                    + e.getClass().getSimpleName() + "); see the cause, or apply the SQL files under "
                    + dialect.migrationLocation(productName).replace("classpath:", "") + " by hand and set "
                    + "oidc.store.jpa.migrate=false", e);
        }
    }
}
