package org.oidcstore.store.tck.reference;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.ValueSize;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * Backchannel authentication requests keyed by the digest of their {@code auth_req_id}; the
 * client notification token is kept {@linkplain org.oidcstore.store.spi.SecretDigest#seal sealed}
 * and opened for each answer. Every operation, lookup and change runs as one step under the
 * engine's lock.
 */
final class ReferenceCibaRequestStore implements CibaRequestStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.CIBA_REQUESTS;

    /** A stored request: its fields, the digest in place of the id and the sealed token in place of the token. */
    record Ciba(String key, String clientId, String subject, Set<String> scopes, List<String> acrValues,
            String bindingMessage, CibaMode mode, String sealedToken, Instant createdAt, Instant expiresAt,
            Duration interval, ApprovalState state, Approval approval, Instant lastPolledAt) {

        static Ciba of(String key, CibaRequest r, String sealedToken) {
            return new Ciba(key, r.clientId(), r.subject(), r.scopes(), r.acrValues(), r.bindingMessage(), r.mode(),
                    sealedToken, r.createdAt(), r.expiresAt(), r.interval(), r.state(), r.approval(), r.lastPolledAt());
        }

        CibaRequest open(String presented, String token) {
            return new CibaRequest(presented, clientId, subject, scopes, acrValues, bindingMessage, mode, token,
                    createdAt, expiresAt, interval, state, approval, lastPolledAt);
        }

        boolean isExpiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private static final Table<Ciba> REQUESTS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceCibaRequestStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(CibaRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.state() != ApprovalState.PENDING || request.approval() != null || request.lastPolledAt() != null) {
            throw new IllegalArgumentException("a new backchannel authentication request is pending, with no approval "
                    + "and no poll; nothing was written");
        }
        parts.checkSize(ValueSize.of(request), KIND);
        String sealed = request.clientNotificationToken() == null ? null
                : parts.digest().seal(KIND, request.clientNotificationToken());
        data.run(() -> {
            Map<String, Ciba> rows = data.rows(REQUESTS);
            String old = parts.keyOf(rows, KIND, request.authReqId());
            if (old != null && !rows.get(old).isExpiredAt(parts.now())) {
                throw new DuplicateRecordException("a backchannel authentication request with this auth_req_id exists");
            }
            if (old != null) {
                rows.remove(old); // expired: the id is free at once
            }
            String key = parts.digest().digest(KIND, request.authReqId());
            rows.put(key, Ciba.of(key, request, sealed));
        });
    }

    @Override
    public Optional<CibaRequest> find(String authReqId) {
        Objects.requireNonNull(authReqId, "authReqId");
        return data.call(() -> live(authReqId).map(k -> open(k, authReqId)));
    }

    @Override
    public Optional<CibaRequest> approve(String authReqId, Approval approval) {
        Objects.requireNonNull(authReqId, "authReqId");
        Objects.requireNonNull(approval, "approval");
        return data.call(() -> live(authReqId).map(k -> change(k, authReqId, r -> {
            if (r.state() != ApprovalState.PENDING) {
                throw new ConflictException("the backchannel request is " + r.state() + ", not pending; nothing changed");
            }
            if (!r.subject().equals(approval.subject())) {
                throw new ConflictException("only the user the backchannel request names may approve it; nothing changed");
            }
            return r.withState(ApprovalState.APPROVED, approval);
        })));
    }

    @Override
    public Optional<CibaRequest> deny(String authReqId) {
        Objects.requireNonNull(authReqId, "authReqId");
        return data.call(() -> live(authReqId).map(k -> change(k, authReqId, r -> {
            if (r.state() != ApprovalState.PENDING) {
                throw new ConflictException("the backchannel request is " + r.state() + ", not pending; nothing changed");
            }
            return r.withState(ApprovalState.DENIED, null);
        })));
    }

    @Override
    public Optional<PollResult> poll(String authReqId) {
        Objects.requireNonNull(authReqId, "authReqId");
        return data.call(() -> live(authReqId).map(k -> {
            Instant now = parts.now();
            boolean[] early = new boolean[1];
            CibaRequest r = change(k, authReqId, s -> {
                early[0] = s.lastPolledAt() != null && now.isBefore(s.lastPolledAt().plus(s.interval()));
                return s.withPoll(now, early[0] ? PollResult.grown(s.interval()) : s.interval());
            });
            return new PollResult(r.state(), early[0], r.interval());
        }));
    }

    @Override
    public Optional<CibaRequest> consume(String authReqId) {
        Objects.requireNonNull(authReqId, "authReqId");
        return data.call(() -> live(authReqId).map(k -> change(k, authReqId, r -> switch (r.state()) {
            case APPROVED -> r.withState(ApprovalState.CONSUMED, r.approval());
            case CONSUMED -> throw new AlreadyConsumedException("auth_req_id already redeemed (replay); revoke what "
                    + "was issued", r);
            default -> throw new ConflictException("the backchannel request is " + r.state()
                    + ", not approved; nothing changed");
        })));
    }

    @Override
    public boolean revoke(String authReqId) {
        Objects.requireNonNull(authReqId, "authReqId");
        return data.call(() -> live(authReqId).filter(k -> {
            ApprovalState state = data.rows(REQUESTS).get(k).state();
            if (state != ApprovalState.PENDING && state != ApprovalState.APPROVED) {
                return false;
            }
            change(k, authReqId, r -> r.withState(ApprovalState.DENIED, r.approval()));
            return true;
        }).isPresent());
    }

    /** The key of the live request presented by {@code authReqId}. */
    private Optional<String> live(String authReqId) {
        Map<String, Ciba> rows = data.rows(REQUESTS);
        return Optional.ofNullable(parts.keyOf(rows, KIND, authReqId)).filter(k -> !rows.get(k).isExpiredAt(parts.now()));
    }

    /** The request under {@code key} as its caller presented it, its token opened. */
    private CibaRequest open(String key, String presented) {
        Ciba row = data.rows(REQUESTS).get(key);
        String token = row.sealedToken() == null ? null : parts.digest().unseal(KIND, row.sealedToken())
                .orElseThrow(() -> new IllegalStateException("the notification token of a backchannel request does not "
                        + "open under any configured pepper"));
        return row.open(presented, token);
    }

    /** Replaces the request under {@code key} by {@code how} of it (which may throw, changing nothing). */
    private CibaRequest change(String key, String presented, UnaryOperator<CibaRequest> how) {
        CibaRequest changed = how.apply(open(key, presented));
        Map<String, Ciba> rows = data.rows(REQUESTS);
        rows.put(key, Ciba.of(key, changed, rows.get(key).sealedToken()));
        return changed;
    }

    @Override
    public void reclaim(Instant now) {
        data.rows(REQUESTS).values().removeIf(r -> r.isExpiredAt(now));
    }

    /** Every request for the subject, in any state, expired ones included; the unexpired ones counted. */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        Instant now = parts.now();
        return data.erase(REQUESTS, r -> subject.equals(r.subject()), r -> !r.isExpiredAt(now));
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(REQUESTS).size());
    }
}
