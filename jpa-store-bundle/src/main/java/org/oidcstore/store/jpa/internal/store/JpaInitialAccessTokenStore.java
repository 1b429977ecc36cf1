package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.InitialAccessTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.InitialAccessTokenEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/**
 * Initial access tokens on {@code oidc_initial_access_token}, by token digest (every digest of a
 * presented value, one per configured pepper, in one statement). A use is one conditional UPDATE
 * ({@code uses = uses + 1} where not expired and below the ceiling): the engine's row lock
 * serializes concurrent uses and each re-checks the ceiling, so at most {@code max_uses} win. The
 * row is read back in the same transaction, to return the count or say why the use was refused.
 * Expired rows stay (found, reported as expired) until the GC deletes them
 * {@link InitialAccessTokenStore#EXPIRED_RETENTION} past their expiry; rows without expiry stay
 * until deleted. A value that could never have been stored is absent without a statement.
 */
public final class JpaInitialAccessTokenStore implements InitialAccessTokenStore {
    private static final String NAME = "initial-access-tokens";
    private static final StoreKind KIND = StoreKind.INITIAL_ACCESS_TOKENS;
    /** What the GC deletes: tokens expired at least the API's retention ago (never those without expiry). */
    public static final Sweep SWEEP = new Sweep(KIND, "oidc_initial_access_token", "token_digest", "expires_at <= ?1",
            "expires_at <= ?1", EXPIRED_RETENTION);

    private final TxRunner tx;
    private final StoreContext ctx;
    private final String select;
    private final String use;
    private final String read;
    private final String delete;

    public JpaInitialAccessTokenStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        int n = ctx.digestCount();
        this.select = "SELECT t FROM InitialAccessTokenEntity t WHERE " + Sql.jpqlDigestIn("t.tokenDigest", n);
        String byDigest = Sql.digestIn("token_digest", n);
        this.use = "UPDATE oidc_initial_access_token SET uses = uses + 1 WHERE " + byDigest
                + " AND (expires_at IS NULL OR expires_at > ?) AND (max_uses IS NULL OR uses < max_uses)";
        this.read = "SELECT token_digest, expires_at, max_uses, uses FROM oidc_initial_access_token WHERE " + byDigest;
        this.delete = "DELETE FROM oidc_initial_access_token WHERE " + byDigest;
    }

    @Override
    public void save(InitialAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.uses() != 0) {
            throw new IllegalArgumentException("a new initial access token must not have been used");
        }
        String digest = ctx.digest(KIND, token.token());
        String policy = Json.object(token.policy());
        tx.sql(NAME, "save", c -> Sql.insert(c, InitialAccessTokenEntity.INSERT, ps -> {
            ps.setString(1, digest);
            Sql.setInstant(ps, 2, token.createdAt());
            Sql.setInstant(ps, 3, token.expiresAt());
            if (token.maxUses() == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setInt(4, token.maxUses());
            }
            ps.setString(5, policy);
        }));
    }

    @Override
    public Optional<InitialAccessToken> find(String token) {
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(token)) {
            return Optional.empty();
        }
        List<String> digests = ctx.digests(KIND, token);
        return tx.run(NAME, "find", em -> Sql.digests(em.createQuery(select, InitialAccessTokenEntity.class), digests)
                .getResultList().stream().filter(e -> ctx.matches(KIND, token, e.digest())).findFirst()
                .map(e -> e.toRecord(token)));
    }

    @Override
    public OptionalInt use(String token) {
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(token)) {
            return OptionalInt.empty();
        }
        List<String> digests = ctx.digests(KIND, token);
        Instant at = ctx.now();
        LocalDateTime now = Times.db(at);
        return tx.sql(NAME, "use", c -> {
            boolean won;
            try (PreparedStatement ps = c.prepareStatement(use)) {
                Sql.setTimestamp(ps, Sql.bindAll(ps, 1, digests), now);
                won = ps.executeUpdate() > 0;
            }
            return counted(c, digests, token, at, won);
        });
    }

    /** The use count after a use that {@code won}, or why it lost; empty when there is no such token. */
    private OptionalInt counted(Connection c, List<String> digests, String token, Instant now, boolean won)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(read)) {
            Sql.bindAll(ps, 1, digests);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!ctx.matches(KIND, token, rs.getString(1))) {
                        continue;
                    }
                    int uses = rs.getInt(4);
                    if (won) {
                        return OptionalInt.of(uses);
                    }
                    if (Expiry.isExpired(Sql.getInstant(rs, 2), now)) {
                        throw new ConflictException("initial access token expired");
                    }
                    int max = rs.getInt(3);
                    if (!rs.wasNull() && uses >= max) {
                        throw new ConflictException("initial access token has no use left");
                    }
                    throw new ConflictException("initial access token changed concurrently; retry");
                }
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public boolean delete(String token) {
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(token)) {
            return false;
        }
        List<String> digests = ctx.digests(KIND, token);
        return tx.sql(NAME, "delete", c -> Sql.update(c, delete, digests.toArray()) > 0);
    }
}
