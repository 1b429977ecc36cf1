package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.Dialect;
import org.oidcstore.store.jpa.internal.Jpa;
import org.oidcstore.store.jpa.internal.Sql;
import org.oidcstore.store.jpa.internal.entity.AuthorizationCodeEntity;

/** Authorization codes on {@code oidc_authorization_code}, by digest. */
public final class JpaAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final String NAME = "authorization-codes";
    private static final StoreKind KIND = StoreKind.AUTHORIZATION_CODES;

    private static final String INSERT = "INSERT INTO oidc_authorization_code (" + AuthorizationCodeEntity.COLUMNS
            + ") VALUES (" + Sql.marks(AuthorizationCodeEntity.COLUMN_COUNT) + ")";
    private static final String SELECT = "SELECT " + AuthorizationCodeEntity.COLUMNS
            + " FROM oidc_authorization_code WHERE code_digest = ?";
    private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
    private static final String CONSUME = "UPDATE oidc_authorization_code SET consumed_at = ?"
            + " WHERE code_digest = ? AND consumed_at IS NULL AND expires_at > ?";

    private final Jpa jpa;

    public JpaAuthorizationCodeStore(Jpa jpa) {
        this.jpa = jpa;
    }

    @Override
    public void save(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        if (code.consumedAt() != null) {
            throw new IllegalArgumentException("a newly issued authorization code must not be consumed");
        }
        AuthorizationCodeEntity row = AuthorizationCodeEntity.of(code, jpa.digest(KIND, code.code()));
        jpa.sql(NAME, "save", c -> Sql.insert(c, INSERT, row::bind));
    }

    @Override
    public Optional<AuthorizationCode> find(String code) {
        String digest = jpa.digest(KIND, code);
        LocalDateTime now = jpa.dbNow();
        return jpa.sql(NAME, "find", c -> Optional.ofNullable(select(c, SELECT, digest))
                .filter(e -> jpa.matches(KIND, code, e.digest()) && e.liveAt(now))
                .map(e -> e.toRecord(code)));
    }

    /**
     * One conditional UPDATE decides the winner inside the engine: concurrent callers block on the
     * row lock and re-evaluate the condition after the winner commits, so exactly one sees a row
     * count of 1. The winner reads its row back: it holds the row's lock, so the read sees the row
     * as its own UPDATE left it (on PostgreSQL the UPDATE returns it, {@code RETURNING}, in the
     * same statement). The losers then read the row with a lock, i.e. its latest committed version
     * (whatever snapshot the caller's transaction holds), to tell expired from consumed.
     *
     * <p>Plain JDBC on the transaction's connection ({@code Jpa.sql}): the statements and the
     * decision are those the EclipseLink version ran, without its unit of work.
     */
    @Override
    public Optional<AuthorizationCode> consume(String code) {
        String digest = jpa.digest(KIND, code);
        LocalDateTime now = jpa.dbNow();
        return jpa.sql(NAME, "consume", c -> {
            AuthorizationCodeEntity e;
            boolean won;
            if (jpa.dialect() == Dialect.POSTGRESQL) {
                e = consumeReturning(c, digest, now);
                won = e != null;
            } else {
                won = consumeUpdate(c, digest, now) == 1;
                e = won ? select(c, SELECT, digest) : null;
            }
            if (!won) {
                e = select(c, SELECT_FOR_UPDATE, digest);
            }
            if (e == null || !jpa.matches(KIND, code, e.digest()) || !e.liveAt(now)) {
                return Optional.<AuthorizationCode>empty();
            }
            if (won) {
                return Optional.of(e.toRecord(code));
            }
            if (e.consumed()) {
                throw new AlreadyConsumedException("authorization code already redeemed (replay); revoke its grant",
                        e.toRecord(code));
            }
            throw new ConflictException("authorization code changed concurrently; retry");
        });
    }

    private static int consumeUpdate(Connection c, String digest, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONSUME)) {
            bindConsume(ps, digest, now);
            return ps.executeUpdate();
        }
    }

    /** PostgreSQL: the conditional UPDATE returning the row it changed (none: it lost). */
    private static AuthorizationCodeEntity consumeReturning(Connection c, String digest, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONSUME + " RETURNING " + AuthorizationCodeEntity.COLUMNS)) {
            bindConsume(ps, digest, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? AuthorizationCodeEntity.read(rs) : null;
            }
        }
    }

    private static void bindConsume(PreparedStatement ps, String digest, LocalDateTime now) throws SQLException {
        Sql.setTimestamp(ps, 1, now);
        ps.setString(2, digest);
        Sql.setTimestamp(ps, 3, now);
    }

    private static AuthorizationCodeEntity select(Connection c, String sql, String digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? AuthorizationCodeEntity.read(rs) : null;
            }
        }
    }
}
