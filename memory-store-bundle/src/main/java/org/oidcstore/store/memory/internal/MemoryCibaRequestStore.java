package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.ValueSize;

/**
 * Backchannel authentication requests keyed by the digest of their {@code auth_req_id}. The stored
 * request carries that digest in place of the id and, in ping and push modes, the placeholder
 * {@link #SEALED} in place of the notification token, whose sealed form ({@link SecretDigest#seal})
 * is kept beside it: the clear token is never held. A token no pepper of the store opens makes the
 * request unusable: it is absent for every operation, and nothing changes it.
 *
 * <p>Every transition is decided inside the key's atomic {@code compute}. Under a pepper list,
 * writes use the newest pepper's digest; lookups try the digests in order, stopping at the first
 * key that holds an entry.
 *
 * <p>Beside the map, the {@link SubjectIndex} of the requests by subject (for
 * {@link #eraseSubject}): a save indexes its request in the key's atomic section, the map's removal
 * callback unindexes it.
 */
final class MemoryCibaRequestStore implements CibaRequestStore {
    private static final StoreKind KIND = StoreKind.CIBA_REQUESTS;
    /** What the stored request holds in place of a notification token. */
    static final String SEALED = "sealed";

    /** A stored request (id digested, token replaced by {@link #SEALED}) and its sealed token, or null in poll mode. */
    record Stored(CibaRequest request, String sealedToken) {
    }

    private final ExpiringMap<Stored> requests;
    private final SubjectIndex subjects;
    private final SecretDigest digest;
    private final int maxValueBytes;
    private final ApprovalTransitions<CibaRequest> t = new ApprovalTransitions<>("backchannel authentication request",
            "auth_req_id", CibaRequest::state, CibaRequest::approval, CibaRequest::lastPolledAt, CibaRequest::interval,
            CibaRequest::withState, CibaRequest::withPoll);

    static MemoryCibaRequestStore of(MemoryParts p) {
        SubjectIndex subjects = p.subjects(KIND);
        ExpiringMap<Stored> map = p.<Stored>map(KIND, (key, s) -> subjects.remove(s.request().subject(), key));
        return new MemoryCibaRequestStore(map, subjects, p.shared().digest(), p.settings().maxValueBytes());
    }

    MemoryCibaRequestStore(ExpiringMap<Stored> requests, SubjectIndex subjects, SecretDigest digest,
            int maxValueBytes) {
        this.requests = requests;
        this.subjects = subjects;
        this.digest = digest;
        this.maxValueBytes = maxValueBytes;
    }

    private List<String> keys(String authReqId) {
        return digest.digests(KIND, authReqId);
    }

    @Override
    public void save(CibaRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.state() != ApprovalState.PENDING || request.approval() != null || request.lastPolledAt() != null) {
            throw new IllegalArgumentException("save takes a new pending backchannel authentication request "
                    + "(CibaRequest.pending)");
        }
        ValueSize.check(ValueSize.of(request), maxValueBytes, KIND.configName(), MemorySettings.MAX_VALUE_BYTES_KEY);
        List<String> keys = keys(request.authReqId());
        String key = keys.get(0);
        String sealed = request.clientNotificationToken() == null ? null
                : digest.seal(KIND, request.clientNotificationToken());
        Stored stored = new Stored(with(request, key, sealed == null ? null : SEALED), sealed);
        Instant now = requests.now();
        requests.compute(key, (k, old) -> {
            if (old != null && old.liveAt(now) || ApprovalTransitions.liveUnderOlderKey(requests, keys, now)) {
                throw new DuplicateRecordException("a backchannel authentication request with this auth_req_id exists");
            }
            if (old != null) {
                subjects.moved(k, old.value().request().subject(), request.subject()); // the expired one it replaces
            }
            return new ExpiringMap.Entry<>(stored, request.expiresAt());
        }, (k, s) -> subjects.add(s.request().subject(), k));
    }

    /** {@code r} with another id and notification token (the record has no wither for them). */
    static CibaRequest with(CibaRequest r, String authReqId, String token) {
        return new CibaRequest(authReqId, r.clientId(), r.subject(), r.scopes(), r.acrValues(), r.bindingMessage(),
                r.mode(), token, r.createdAt(), r.expiresAt(), r.interval(), r.state(), r.approval(), r.lastPolledAt());
    }

    /** The request as handed back: the presented id and the opened token; null when no pepper opens it. */
    private CibaRequest opened(Stored s, String presented) {
        if (s.sealedToken() == null) {
            return s.request().withAuthReqId(presented);
        }
        return digest.unseal(KIND, s.sealedToken()).map(t -> with(s.request(), presented, t)).orElse(null);
    }

    @Override
    public Optional<CibaRequest> find(String authReqId) {
        if (!Arguments.isStorableId(Objects.requireNonNull(authReqId, "authReqId"))) {
            return Optional.empty();
        }
        Instant now = requests.now();
        for (String key : keys(authReqId)) {
            ExpiringMap.Entry<Stored> e = requests.getLive(key, now);
            if (e != null) {
                return Optional.ofNullable(opened(e.value(), authReqId));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<CibaRequest> approve(String authReqId, Approval approval) {
        Objects.requireNonNull(approval, "approval");
        return step(authReqId, r -> t.decide(r, approval, r.subject()));
    }

    @Override
    public Optional<CibaRequest> deny(String authReqId) {
        return step(authReqId, r -> t.decide(r, null, null));
    }

    @Override
    public Optional<PollResult> poll(String authReqId) {
        return t.poll(requests.now(), step -> step(authReqId, step));
    }

    @Override
    public Optional<CibaRequest> consume(String authReqId) {
        return step(authReqId, t.consume(r -> r));
    }

    @Override
    public boolean revoke(String authReqId) {
        return t.revoke(step -> step(authReqId, step));
    }

    /** Through the subject index, in any state (the stored request keeps its subject in clear). */
    @Override
    public int eraseSubject(String subject) {
        return subjects.erase(subject, requests, s -> s.request().subject());
    }

    /**
     * Applies {@code step} to the live, usable request of {@code authReqId} (as handed back: presented
     * id, clear token) in its key's atomic section; {@code step} returns the next request (the same
     * one: no change) or throws (nothing changes).
     *
     * @return the request after the step, as handed back; empty when absent, expired or unusable
     */
    private Optional<CibaRequest> step(String authReqId, UnaryOperator<CibaRequest> step) {
        if (!Arguments.isStorableId(Objects.requireNonNull(authReqId, "authReqId"))) {
            return Optional.empty();
        }
        Instant now = requests.now();
        return ApprovalTransitions.firstFound(keys(authReqId), (key, found) -> {
            CibaRequest[] after = new CibaRequest[1];
            requests.compute(key, (k, old) -> {
                if (old == null) {
                    return null;
                }
                found[0] = true;
                if (!old.liveAt(now)) {
                    return null;
                }
                CibaRequest current = opened(old.value(), authReqId);
                if (current == null) {
                    return old; // unusable: left as it is
                }
                CibaRequest next = step.apply(current);
                after[0] = next;
                if (next == current) {
                    return old;
                }
                Stored s = old.value();
                return new ExpiringMap.Entry<>(new Stored(with(next, k, s.request().clientNotificationToken()),
                        s.sealedToken()), old.expiresAt());
            });
            return Optional.ofNullable(after[0]);
        });
    }
}
