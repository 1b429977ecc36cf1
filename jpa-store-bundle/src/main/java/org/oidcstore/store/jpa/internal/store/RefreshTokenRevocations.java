package org.oidcstore.store.jpa.internal.store;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.row.RefreshTokenRow;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/**
 * The revocations of {@link JpaRefreshTokenStore} (by chain, by grant, by client). Each revokes
 * until stable ({@code RefreshTokenRows.revokeUntilStable}), which keeps the guarantee against a
 * concurrent rotation: see the store's class comment, "Rotation racing revocation". Each first
 * forgets the parents this transaction's consumes remembered ({@link LockedParents}), since it may
 * revoke them.
 *
 * <h2>No deadlocks</h2>
 * Two revocations of one grant would lock overlapping rows in different orders (each pass may
 * find new children), and deadlock; on PostgreSQL a rotation queued for one of those rows can even
 * be chosen as the victim, failing a legitimate rotation. So a revocation first upserts its
 * grant's row in {@code oidc_refresh_token_lock}, which locks it: revocations of one grant run one
 * after the other (they never wait while holding a token row), rotations never touch that table
 * and hold at most their parent row while waiting for nothing. No wait cycle can form.
 */
final class RefreshTokenRevocations {
    /** Far above any real growth of a client's grants during one revocation; a guard against a bug. */
    private static final int MAX_CLIENT_PASSES = 100;

    private final String name;
    private final StoreKind kind;
    private final TxRunner tx;
    private final StoreContext ctx;
    private final RefreshTokenRows rows;
    private final LockedParents locked;

    RefreshTokenRevocations(String name, StoreKind kind, TxRunner tx, StoreContext ctx, RefreshTokenRows rows,
            LockedParents locked) {
        this.name = name;
        this.kind = kind;
        this.tx = tx;
        this.ctx = ctx;
        this.rows = rows;
        this.locked = locked;
    }

    /** {@code revokeChain}: every token of the chain of {@code token}, under its grant's lock row. */
    int chain(String token) {
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(token)) {
            return 0;
        }
        List<String> digests = ctx.digests(kind, token);
        return tx.sql(name, "revokeChain", c -> {
            locked.forgetAll();
            RefreshTokenRow e = rows.select(c, digests, false);
            if (e == null || !ctx.matches(kind, token, e.digest())) {
                return 0;
            }
            rows.lockGrantRow(c, e.grantId());
            return RefreshTokenRows.revokeUntilStable(c, "root_digest", e.rootDigest());
        });
    }

    /** {@code revokeByGrant}. An unstorable grant id names no grant: nothing to revoke, and no lock row is created for it. */
    int grant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        if (!Arguments.isStorableId(grantId)) {
            return 0;
        }
        return tx.sql(name, "revokeByGrant", c -> {
            locked.forgetAll();
            rows.lockGrantRow(c, grantId);
            return RefreshTokenRows.revokeUntilStable(c, "grant_id", grantId);
        });
    }

    /**
     * {@code revokeByClient}, grant by grant, as {@link #grant}: the grants of the client's unrevoked
     * tokens are locked in ascending order (the order every multi-grant revocation takes, so two of
     * them never wait on each other in a cycle) and each revoked until stable, which keeps the
     * guarantee against a concurrent rotation. A grant whose first token was saved meanwhile is
     * found by the next pass (a grant is revoked once per call: a snapshot read may still show a
     * grant whose tokens were revoked meanwhile); the loop ends when a pass finds no grant it has not
     * revoked yet.
     */
    int client(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (!Arguments.isStorableId(clientId)) {
            return 0;
        }
        return tx.sql(name, "revokeByClient", c -> {
            locked.forgetAll();
            int total = 0;
            Set<String> done = new HashSet<>();
            for (int pass = 0; pass < MAX_CLIENT_PASSES; pass++) {
                List<String> grants = rows.unrevokedGrantsOfClient(c, clientId).stream()
                        .filter(g -> !done.contains(g)).toList();
                if (grants.isEmpty()) {
                    return total;
                }
                for (String grantId : grants) {
                    rows.lockGrantRow(c, grantId);
                    total += RefreshTokenRows.revokeUntilStable(c, "grant_id", grantId);
                    done.add(grantId);
                }
            }
            throw new ConflictException("grants of client kept being created during its revocation; retry");
        });
    }
}
