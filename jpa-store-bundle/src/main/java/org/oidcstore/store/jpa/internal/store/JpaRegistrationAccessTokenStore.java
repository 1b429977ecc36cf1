package org.oidcstore.store.jpa.internal.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.RegistrationAccessTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.RegistrationTokenEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/**
 * Registration access tokens on {@code oidc_registration_token}: one row per client (the primary
 * key decides the single winner of concurrent first saves), holding the digest of its token
 * (unique across clients). Rotation is one conditional UPDATE of the row, matching the old token's
 * digests (one per configured pepper) and liveness: concurrent rotations from one token serialize
 * on the row lock, and after the first the old digest no longer matches. Writes are plain JDBC on
 * the transaction's connection; reads go through the entity. Expired rows are absent, and swept by
 * the GC.
 */
public final class JpaRegistrationAccessTokenStore implements RegistrationAccessTokenStore {
    private static final String NAME = "registration-access-tokens";
    private static final StoreKind KIND = StoreKind.REGISTRATION_ACCESS_TOKENS;
    /** What the GC deletes: tokens past their expiry (never those without expiry). */
    public static final Sweep SWEEP = Sweep.expiresAt(KIND, "oidc_registration_token", "client_id");

    private static final String DELETE_EXPIRED = "DELETE FROM oidc_registration_token WHERE client_id = ?"
            + " AND expires_at <= ?";
    private static final String INSERT = "INSERT INTO oidc_registration_token (client_id, token_digest, created_at,"
            + " expires_at) VALUES (?, ?, ?, ?)";
    private static final String DELETE_LIVE = "DELETE FROM oidc_registration_token WHERE client_id = ?"
            + " AND (expires_at IS NULL OR expires_at > ?)";
    private static final String DELETE_ANY = "DELETE FROM oidc_registration_token WHERE client_id = ?";

    private final TxRunner tx;
    private final StoreContext ctx;
    private final String rotate;

    public JpaRegistrationAccessTokenStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        this.rotate = "UPDATE oidc_registration_token SET token_digest = ?, created_at = ?, expires_at = ?"
                + " WHERE client_id = ? AND " + Sql.digestIn("token_digest", ctx.digestCount())
                + " AND (expires_at IS NULL OR expires_at > ?)";
    }

    /**
     * Deletes the client's expired row (if any) and inserts, in one transaction: the primary key
     * refuses a client with a live token, the unique digest a value another client holds.
     */
    @Override
    public void save(RegistrationAccessToken token) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(token.token(), "token value");
        String digest = ctx.digest(KIND, token.token());
        LocalDateTime now = ctx.dbNow();
        tx.sql(NAME, "save", c -> {
            Sql.update(c, DELETE_EXPIRED, token.clientId(), now);
            return Sql.insert(c, INSERT, ps -> {
                ps.setString(1, token.clientId());
                ps.setString(2, digest);
                Sql.setInstant(ps, 3, token.createdAt());
                Sql.setInstant(ps, 4, token.expiresAt());
            });
        });
    }

    private Optional<RegistrationTokenEntity> live(String clientId, String operation) {
        Instant now = ctx.now();
        return tx.run(NAME, operation, em -> Optional.ofNullable(em.find(RegistrationTokenEntity.class, clientId))
                .filter(e -> Expiry.isLive(e.expiresAt(), now)));
    }

    @Override
    public Optional<RegistrationAccessToken> findByClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (!Arguments.isStorableId(clientId)) {
            return Optional.empty();
        }
        return live(clientId, "findByClient").map(RegistrationTokenEntity::toRecord);
    }

    @Override
    public boolean matches(String clientId, String token) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(clientId) || !Arguments.isStorableId(token)) {
            return false;
        }
        return live(clientId, "matches").filter(e -> ctx.matches(KIND, token, e.digest())).isPresent();
    }

    @Override
    public void rotate(String oldToken, RegistrationAccessToken next) {
        Objects.requireNonNull(oldToken, "oldToken");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(next.token(), "next token value");
        if (!Arguments.isStorableId(oldToken)) {
            throw stale();
        }
        List<String> olds = ctx.digests(KIND, oldToken);
        String digest = ctx.digest(KIND, next.token());
        LocalDateTime now = ctx.dbNow();
        boolean won = tx.sql(NAME, "rotate", c -> {
            try (PreparedStatement ps = c.prepareStatement(rotate)) {
                ps.setString(1, digest);
                Sql.setInstant(ps, 2, next.createdAt());
                Sql.setInstant(ps, 3, next.expiresAt());
                ps.setString(4, next.clientId());
                Sql.setTimestamp(ps, Sql.bindAll(ps, 5, olds), now);
                return ps.executeUpdate() > 0;
            }
        });
        if (!won) {
            throw stale();
        }
    }

    private static ConflictException stale() {
        return new ConflictException("the presented registration access token is not the client's live one");
    }

    /** Deletes the live row (what the answer reports), then an expired one (absent, but gone all the same). */
    @Override
    public boolean delete(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (!Arguments.isStorableId(clientId)) {
            return false;
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "delete", c -> {
            boolean live = Sql.update(c, DELETE_LIVE, clientId, now) > 0;
            Sql.update(c, DELETE_ANY, clientId);
            return live;
        });
    }
}
