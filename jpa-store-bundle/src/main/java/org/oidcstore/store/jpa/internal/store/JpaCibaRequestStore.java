package org.oidcstore.store.jpa.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.ApprovalColumns;
import org.oidcstore.store.jpa.internal.row.CibaRequestRow;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/**
 * Backchannel authentication requests on {@code oidc_ciba_request}, keyed by the
 * {@code auth_req_id}'s digest. The client notification token is stored sealed
 * ({@code SecretDigest.seal}, under the newest pepper) and opened on every read under any
 * configured pepper; a token no configured pepper opens makes its row unusable (OIDCS-1301).
 * Transitions, polls and expiry as for device authorizations ({@link PolledRequests}); an approval
 * by another subject than the request's is refused by the same conditional {@code UPDATE}
 * ({@code AND subject = ?}), so nothing changes.
 *
 * <p><b>Save.</b> In one transaction: delete an expired row with the same {@code auth_req_id}
 * (free at once), then insert; the primary key refuses a live one. During a pepper rotation a live
 * row under an older pepper's digest is looked for first.
 */
public final class JpaCibaRequestStore implements CibaRequestStore {
    private static final String NAME = "ciba-requests";
    private static final StoreKind KIND = StoreKind.CIBA_REQUESTS;
    private static final String TABLE = CibaRequestRow.TABLE;
    private static final String KEY = "auth_req_id_digest";
    /** What the GC deletes: requests past their expiry, in any state. */
    public static final Sweep SWEEP = Sweep.expiresAt(KIND, TABLE, KEY);

    private final TxRunner tx;
    private final StoreContext ctx;
    private final PolledRequests<CibaRequestRow> rows;
    private final String deleteExpired;
    private final String olderLive;

    public JpaCibaRequestStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        int n = ctx.digestCount();
        this.rows = new PolledRequests<>(ctx.dialect(), TABLE, CibaRequestRow.COLUMNS, n, CibaRequestRow::read);
        this.deleteExpired = "DELETE FROM " + TABLE + " WHERE " + Sql.digestIn(KEY, n) + " AND expires_at <= ?";
        this.olderLive = n == 1 ? null : "SELECT " + KEY + " FROM " + TABLE + " WHERE " + Sql.digestIn(KEY, n - 1)
                + " AND expires_at > ?";
    }

    private CibaRequest record(String authReqId, CibaRequestRow row) {
        return row.toRecord(authReqId, sealed -> ctx.unseal(KIND, sealed).orElseThrow(() ->
                new IllegalStateException("the notification token opens under no configured pepper")));
    }

    /** The digests of an {@code auth_req_id}, or {@code null} for one that could never have been stored. */
    private List<String> digests(String authReqId) {
        Objects.requireNonNull(authReqId, "authReqId");
        return Arguments.isStorableId(authReqId) ? ctx.digests(KIND, authReqId) : null;
    }

    @Override
    public void save(CibaRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.state() != ApprovalState.PENDING || request.approval() != null || request.lastPolledAt() != null) {
            throw new IllegalArgumentException("a new backchannel authentication request is pending, with no approval"
                    + " and no poll (CibaRequest.pending)");
        }
        List<String> digests = ctx.digests(KIND, request.authReqId());
        String sealed = request.clientNotificationToken() == null ? null
                : ctx.seal(KIND, request.clientNotificationToken());
        CibaRequestRow row = CibaRequestRow.of(request, digests.get(0), sealed);
        LocalDateTime now = ctx.dbNow();
        tx.sql(NAME, "save", c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteExpired)) {
                Sql.setTimestamp(ps, Sql.bindAll(ps, 1, digests), now);
                ps.executeUpdate();
            }
            if (olderLive != null) {
                try (PreparedStatement ps = c.prepareStatement(olderLive)) {
                    Sql.setTimestamp(ps, Sql.bindAll(ps, 1, digests.subList(1, digests.size())), now);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            throw new DuplicateRecordException("jpa " + NAME + ".save: the auth_req_id is held by a"
                                    + " live request");
                        }
                    }
                }
            }
            return Sql.insert(c, CibaRequestRow.INSERT, row::bind);
        });
    }

    @Override
    public Optional<CibaRequest> find(String authReqId) {
        List<String> digests = digests(authReqId);
        if (digests == null) {
            return Optional.empty(); // never stored, and its digest may be a look-alike's
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "find", c -> Optional.ofNullable(rows.select(c, KEY, digests, false))
                .filter(r -> ctx.matches(KIND, authReqId, r.digest()) && Expiry.isLive(r.expiresAt(), Times.instant(now)))
                .map(r -> record(authReqId, r)));
    }

    @Override
    public Optional<CibaRequest> approve(String authReqId, Approval approval) {
        Objects.requireNonNull(approval, "approval");
        return change("approve", authReqId, "state = 'APPROVED', " + ApprovalColumns.SET,
                (ps, from) -> ApprovalColumns.bind(ps, from, approval), "state = 'PENDING' AND subject = ?",
                (ps, from) -> {
                    ps.setString(from, approval.subject());
                    return from + 1;
                }, r -> !ApprovalState.PENDING.name().equals(r.state()) ? notPending(r)
                        : new ConflictException("only the request's subject may approve it; nothing changed"));
    }

    @Override
    public Optional<CibaRequest> deny(String authReqId) {
        return change("deny", authReqId, "state = 'DENIED'", PolledRequests.Binder.NONE, "state = 'PENDING'",
                PolledRequests.Binder.NONE, JpaCibaRequestStore::notPending);
    }

    private static RuntimeException notPending(CibaRequestRow row) {
        return new ConflictException("backchannel authentication request is " + row.state()
                + ", not PENDING; nothing changed");
    }

    /** One conditional transition, told apart by a locking read only when it matched nothing. */
    private Optional<CibaRequest> change(String operation, String authReqId, String set, PolledRequests.Binder values,
            String condition, PolledRequests.Binder conditionValues, Function<CibaRequestRow, RuntimeException> lost) {
        List<String> digests = digests(authReqId);
        if (digests == null) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, operation, c -> PolledRequests.answer(rows.transition(c, KEY, digests, set, values,
                condition, conditionValues, now), r -> ctx.matches(KIND, authReqId, r.digest()), now,
                r -> record(authReqId, r), lost));
    }

    @Override
    public Optional<PollResult> poll(String authReqId) {
        List<String> digests = digests(authReqId);
        if (digests == null) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "poll", c -> rows.poll(c, KEY, digests, now));
    }

    @Override
    public Optional<CibaRequest> consume(String authReqId) {
        List<String> digests = digests(authReqId);
        if (digests == null) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        // lost to a transaction on another database node: a replay when the request is now consumed
        tx.claim(() -> tx.sql(NAME, "consume", c -> Optional.ofNullable(rows.select(c, KEY, digests, false))
                .filter(r -> ctx.matches(KIND, authReqId, r.digest()) && ApprovalState.CONSUMED.name().equals(r.state())
                        && Expiry.isLive(r.expiresAt(), Times.instant(now)))
                .map(r -> (RuntimeException) new AlreadyConsumedException("auth_req_id redeemed by a concurrent"
                        + " transaction (replay)", record(authReqId, r)))
                .orElse(null)));
        return change("consume", authReqId, "state = 'CONSUMED'", PolledRequests.Binder.NONE, "state = 'APPROVED'",
                PolledRequests.Binder.NONE, r -> ApprovalState.CONSUMED.name().equals(r.state())
                        ? new AlreadyConsumedException("auth_req_id already redeemed (replay)", record(authReqId, r))
                        : new ConflictException("backchannel authentication request is " + r.state()
                                + ", not APPROVED; nothing changed"));
    }

    @Override
    public boolean revoke(String authReqId) {
        List<String> digests = digests(authReqId);
        if (digests == null) {
            return false;
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "revoke", c -> rows.update(c, KEY, digests, "state = 'DENIED'",
                "state IN ('PENDING', 'APPROVED')", now) > 0);
    }

    /** Every request for the subject, in any state: live rows counted, expired ones deleted too. */
    @Override
    public int eraseSubject(String subject) {
        return SubjectRows.deleteCountingLive(tx, ctx, NAME, "eraseSubject", "oidc_ciba_request", "subject", subject);
    }
}
