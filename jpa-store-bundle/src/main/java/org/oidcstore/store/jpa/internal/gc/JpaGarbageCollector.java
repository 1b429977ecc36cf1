package org.oidcstore.store.jpa.internal.gc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.JpaGc;
import org.oidcstore.store.jpa.JpaGcReport;
import org.oidcstore.store.jpa.internal.gc.ExpiredRows.Sweep;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * Expired-record GC: every sweepable table through {@link ExpiredRows}, so each batch is its own
 * short transaction and writers of live rows never wait long.
 */
public final class JpaGarbageCollector implements JpaGc {

    private static final List<Sweep> SWEEPS = List.of(
            new Sweep(StoreKind.AUTHORIZATION_CODES, "oidc_authorization_code", "code_digest", "expires_at <= ?1"),
            // a refresh token stays while a refresh token of its grant is live: revoking a chain
            // from an expired member must still reach the live descendants
            new Sweep(StoreKind.REFRESH_TOKENS, "oidc_refresh_token", "token_digest",
                    "expires_at <= ?1 AND NOT EXISTS (SELECT 1 FROM oidc_refresh_token live"
                            + " WHERE live.grant_id = oidc_refresh_token.grant_id AND live.expires_at > ?1)",
                    // MariaDB refuses a subquery on the table a DELETE targets; a chain that got a
                    // live member between select and delete can only be a new chain (a rotation
                    // needs a live parent), so re-checking the expiry alone is enough
                    "expires_at <= ?1"),
            // revocation lock rows of grants without refresh tokens; bookkeeping, not counted
            new Sweep(null, "oidc_refresh_token_lock", "grant_id", "NOT EXISTS (SELECT 1 FROM oidc_refresh_token t"
                    + " WHERE t.grant_id = oidc_refresh_token_lock.grant_id)"),
            new Sweep(StoreKind.GRANTS, "oidc_grant", "grant_id", "expires_at IS NOT NULL AND expires_at <= ?1"),
            ExpiredRows.ACCESS_TOKENS,
            ExpiredRows.OPAQUE_ACCESS_TOKENS,
            ExpiredRows.GRANT_TOMBSTONES,
            ExpiredRows.REVOKED_JTIS,
            new Sweep(StoreKind.SESSIONS, "oidc_session", "session_id", "expires_at <= ?1"),
            new Sweep(StoreKind.INTERACTIONS, "oidc_interaction", "interaction_id", "expires_at <= ?1"),
            // a marker is kept for the clock-skew allowance past its expiry, so a node whose clock
            // lags still sees it while, by that node's clock, the JWT is valid (see the API)
            new Sweep(StoreKind.CONSUMED_JWT_IDS, "oidc_consumed_jti", "jti_digest", "expires_at <= ?3"),
            // a consumed request is replay evidence until expiresAt + CONSUME_GRACE (see the API)
            new Sweep(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, "oidc_pushed_auth_request", "request_uri_digest",
                    "expires_at <= ?2"));

    private final TxRunner tx;
    private final StoreContext ctx;
    private final ExpiredRows rows;

    private final List<Consumer<JpaGcReport>> listeners = new CopyOnWriteArrayList<>();

    public JpaGarbageCollector(TxRunner tx, StoreContext ctx, ExpiredRows rows) {
        this.tx = tx;
        this.ctx = ctx;
        this.rows = rows;
    }

    @Override
    public void addListener(Consumer<JpaGcReport> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private JpaGcReport notify(JpaGcReport report) {
        if (report.total() > 0) {
            for (var l : listeners) {
                try {
                    l.accept(report);
                } catch (RuntimeException e) {
                    System.getLogger(JpaGarbageCollector.class.getName()).log(System.Logger.Level.WARNING,
                            "a GC listener failed; the sweep itself succeeded", e);
                }
            }
        }
        return report;
    }

    @Override
    public JpaGcReport collect() {
        Instant cutoff = ctx.now();
        LocalDateTime now = Times.db(cutoff);
        LocalDateTime parCutoff = Times.db(cutoff.minus(PushedAuthorizationRequestStore.CONSUME_GRACE));
        LocalDateTime jtiCutoff = Times.db(cutoff.minus(ctx.jwtIdClockSkew()));
        Map<StoreKind, Integer> deleted = new EnumMap<>(StoreKind.class);
        int[] batches = {0};
        tx.suspended(() -> {
            for (Sweep s : SWEEPS) {
                ExpiredRows.Swept swept = rows.sweep(s, now, parCutoff, jtiCutoff);
                batches[0] += swept.batches();
                if (s.kind() != null) {
                    deleted.merge(s.kind(), swept.deleted(), Integer::sum);
                }
            }
            return null;
        });
        return notify(new JpaGcReport(cutoff, deleted, batches[0]));
    }
}
