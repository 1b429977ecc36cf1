package org.oidcstore.store.jpa.internal;

import jakarta.persistence.EntityManager;
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

/**
 * Expired-record GC. Each batch is its own short transaction: select at most {@code batchSize}
 * expired keys, then delete those keys while re-checking the expiry (a row touched meanwhile
 * stays). Selecting keys first keeps one SQL shape on every engine (MariaDB allows neither
 * {@code LIMIT} in an {@code IN} subquery nor a subquery on the table being deleted from), and the
 * key-by-key delete locks only rows that are already dead, so writers of live rows never wait.
 */
final class JpaGarbageCollector implements JpaGc {

    /**
     * One sweepable table: its kind, key column, the condition that makes a row garbage, and the
     * re-check of the delete ({@code ?1} = now, {@code ?2} = now minus the PAR consume grace).
     */
    private record Sweep(StoreKind kind, String table, String key, String expired, String recheck) {
        Sweep(StoreKind kind, String table, String key, String expired) {
            this(kind, table, key, expired, expired);
        }
    }

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
            new Sweep(StoreKind.ACCESS_TOKENS, "oidc_access_token", "jti_digest", "expires_at <= ?1"),
            new Sweep(StoreKind.OPAQUE_ACCESS_TOKENS, "oidc_opaque_access_token", "token_digest", "expires_at <= ?1"),
            new Sweep(StoreKind.GRANT_REVOCATIONS, "oidc_grant_tombstone", "grant_id", "retain_until <= ?1"),
            new Sweep(StoreKind.GRANT_REVOCATIONS, "oidc_revoked_jti", "jti_digest", "expires_at <= ?1"),
            new Sweep(StoreKind.SESSIONS, "oidc_session", "session_id", "expires_at <= ?1"),
            new Sweep(StoreKind.INTERACTIONS, "oidc_interaction", "interaction_id", "expires_at <= ?1"),
            new Sweep(StoreKind.CONSUMED_JWT_IDS, "oidc_consumed_jti", "jti_digest", "expires_at <= ?1"),
            // a consumed request is replay evidence until expiresAt + CONSUME_GRACE (see the API)
            new Sweep(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, "oidc_pushed_auth_request", "request_uri_digest",
                    "expires_at <= ?2"));

    private final Jpa jpa;
    private final int batchSize;

    private final List<Consumer<JpaGcReport>> listeners = new CopyOnWriteArrayList<>();

    JpaGarbageCollector(Jpa jpa, int batchSize) {
        this.jpa = jpa;
        this.batchSize = batchSize;
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
        Instant cutoff = jpa.now();
        LocalDateTime now = Times.db(cutoff);
        LocalDateTime parCutoff = Times.db(cutoff.minus(PushedAuthorizationRequestStore.CONSUME_GRACE));
        Map<StoreKind, Integer> deleted = new EnumMap<>(StoreKind.class);
        int[] batches = {0};
        jpa.suspended(() -> {
            for (Sweep s : SWEEPS) {
                int n = sweep(s, now, parCutoff, batches);
                if (s.kind() != null) {
                    deleted.merge(s.kind(), n, Integer::sum);
                }
            }
            return null;
        });
        return notify(new JpaGcReport(cutoff, deleted, batches[0]));
    }

    private int sweep(Sweep s, LocalDateTime now, LocalDateTime parCutoff, int[] batches) {
        int total = 0;
        while (true) {
            int[] counts = jpa.tx("gc", s.table(), em -> batch(em, s, now, parCutoff));
            batches[0]++;
            total += counts[1];
            if (counts[0] < batchSize || counts[1] == 0) {
                return total;
            }
        }
    }

    /** @return {selected, deleted} */
    private int[] batch(EntityManager em, Sweep s, LocalDateTime now, LocalDateTime parCutoff) {
        var select = em.createNativeQuery("SELECT " + s.key() + " FROM " + s.table() + " WHERE "
                + positional(s.expired()) + " LIMIT " + batchSize);
        bind(select, s.expired(), now, parCutoff, 1);
        @SuppressWarnings("unchecked")
        List<Object> keys = select.getResultList();
        if (keys.isEmpty()) {
            return new int[] {0, 0};
        }
        var delete = em.createNativeQuery("DELETE FROM " + s.table() + " WHERE " + s.key() + " IN ("
                + "?,".repeat(keys.size() - 1) + "?) AND " + positional(s.recheck()));
        for (int i = 0; i < keys.size(); i++) {
            delete.setParameter(i + 1, keys.get(i));
        }
        bind(delete, s.recheck(), now, parCutoff, keys.size() + 1);
        return new int[] {keys.size(), delete.executeUpdate()};
    }

    private static String positional(String condition) {
        return condition.replace("?1", "?").replace("?2", "?");
    }

    /** Binds the instants of a condition in the order its placeholders appear. */
    private static void bind(jakarta.persistence.Query q, String e, LocalDateTime now, LocalDateTime parCutoff,
            int first) {
        int position = first;
        for (int i = 0; i < e.length() - 1; i++) {
            if (e.charAt(i) == '?') {
                q.setParameter(position++, e.charAt(i + 1) == '1' ? now : parCutoff);
            }
        }
    }
}
