package org.oidcstore.store.jpa.internal.store;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.Limits;
import org.oidcstore.store.ProviderMetadataStore;
import org.oidcstore.store.jpa.internal.entity.ProviderMetadataEntity;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/**
 * Provider metadata on {@code oidc_provider_metadata}, by key; values compare exactly (binary
 * collations). {@code set} is the dialect upsert. {@code compareAndSet} is one statement: an
 * {@code UPDATE ... WHERE meta_value = expected} (the row lock serializes racers, each re-checks
 * the value), or for "write once" an insert that the primary key lets exactly one racer make
 * (PostgreSQL {@code ON CONFLICT DO NOTHING}, which keeps a caller's transaction usable; MariaDB
 * and H2 a plain insert whose duplicate-key error, over plain JDBC, dooms nothing).
 */
public final class JpaProviderMetadataStore implements ProviderMetadataStore {
    private static final String NAME = "provider-metadata";
    private static final String TABLE = "oidc_provider_metadata";
    private static final String UPDATE = "UPDATE " + TABLE + " SET meta_value = ? WHERE meta_key = ? AND meta_value = ?";
    private static final String INSERT = "INSERT INTO " + TABLE + " (meta_key, meta_value) VALUES (?, ?)";

    private final TxRunner tx;
    private final StoreContext ctx;

    public JpaProviderMetadataStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
    }

    private static String value(String value) {
        return Arguments.text(Objects.requireNonNull(value, "value"), "value", Limits.MAX_TEXT_LENGTH);
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        if (!Arguments.isStorableId(key)) {
            return Optional.empty();
        }
        return tx.run(NAME, "get", em -> Optional.ofNullable(em.find(ProviderMetadataEntity.class, key))
                .map(ProviderMetadataEntity::value));
    }

    @Override
    public void set(String key, String value) {
        Arguments.id(key, "key");
        value(value);
        String upsert = Sql.upsert(ctx.dialect(), TABLE, ProviderMetadataEntity.COLUMNS);
        tx.sql(NAME, "set", c -> Sql.update(c, upsert, key, value));
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        Objects.requireNonNull(key, "key");
        value(value);
        if (expected != null) {
            if (!Arguments.isStorableId(key)) {
                return false;
            }
            return tx.sql(NAME, "compareAndSet", c -> Sql.update(c, UPDATE, value, key, expected) > 0);
        }
        Arguments.id(key, "key");
        if (ctx.dialect() == Dialect.POSTGRESQL) {
            return tx.sql(NAME, "compareAndSet", c -> Sql.update(c, INSERT + " ON CONFLICT (meta_key) DO NOTHING",
                    key, value) > 0);
        }
        return tx.sql(NAME, "compareAndSet", c -> {
            try {
                return Sql.update(c, INSERT, key, value) > 0;
            } catch (SQLException e) {
                if (Sql.isDuplicate(e)) {
                    return false;
                }
                throw e;
            }
        });
    }
}
