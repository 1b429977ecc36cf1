package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.ValueSize;

/**
 * Backchannel authentication requests: one hash {@code P ciba:<d>} per request, keyed by the
 * digest of its {@code auth_req_id}, in the layout of {@link ApprovalScripts} (every operation is
 * one script on that one key). The subject is the hash field {@code j}, which {@code approve}
 * compares inside the script; the body holds the notification token only sealed
 * ({@code SecretDigest.seal}), and a token no pepper of this node opens makes the request
 * unreadable ({@code OIDCS-1454}). A save first adds the request's hint to its subject's index
 * ({@link SubjectHints}: two round trips), which {@link #eraseSubject} walks.
 */
public final class RedisCibaRequestStore implements CibaRequestStore {
    static final String NAME = "ciba-requests";
    private static final StoreKind KIND = StoreKind.CIBA_REQUESTS;
    /** Body layout (clientId, scopes, acrValues, bindingMessage, mode, sealed token, createdAt) for {@link LuaChecks}. */
    static final String LAYOUT = "SllsSsi";

    private final EngineHolder holder;
    private final Clock clock;
    private final ApprovalOps<CibaRequest> ops;

    public RedisCibaRequestStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
        this.ops = new ApprovalOps<>(holder, clock, NAME, KIND, "ciba", LAYOUT, RedisCibaRequestStore::key,
                ApprovalRecords::ciba, CibaRequest::isExpiredAt, "authReqId", "backchannel authentication request",
                "auth_req_id");
    }

    /** {@code P ciba:<d>}: the request's hash. */
    static byte[] key(RedisKeys keys, String digest) {
        return keys.key(SEGMENT + digest);
    }

    /** The segment of the keys of this kind: records {@code ciba:<d>}, subject hints {@code ciba:{u:<subject>}:h}. */
    private static final String SEGMENT = "ciba:";

    /** {@code r} with another id and notification token (the record has no wither for them). */
    static CibaRequest with(CibaRequest r, String authReqId, String token) {
        return new CibaRequest(authReqId, r.clientId(), r.subject(), r.scopes(), r.acrValues(), r.bindingMessage(),
                r.mode(), token, r.createdAt(), r.expiresAt(), r.interval(), r.state(), r.approval(), r.lastPolledAt());
    }

    @Override
    public void save(CibaRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.state() != ApprovalState.PENDING || request.approval() != null || request.lastPolledAt() != null) {
            throw new IllegalArgumentException("save takes a new pending backchannel authentication request "
                    + "(CibaRequest.pending)");
        }
        RedisEngine e = holder.get();
        ValueSize.check(ValueSize.of(request), e.maxValueBytes(), NAME, RedisSettings.MAX_VALUE_BYTES_KEY);
        List<String> digests = e.digest().digests(KIND, request.authReqId());
        var now = clock.instant();
        String sealed = request.clientNotificationToken() == null ? null
                : e.digest().seal(KIND, request.clientNotificationToken());
        byte[] body = body(request, sealed);
        List<byte[]> args = new ArrayList<>(ApprovalScripts.args(now, "ciba", LAYOUT));
        args.add(Values.ascii(Values.ttl(request.expiresAt(), now, Values.RECORD_TTL_FLOOR)));
        args.addAll(List.of(Values.ascii("x"), Micros.bytes(request.expiresAt()), Values.ascii("s"), Values.ascii("P"),
                Values.ascii("i"), Values.ascii(request.interval().toSeconds()), Values.ascii("d"), body,
                Values.ascii("j"), Values.utf8(request.subject())));
        long saved = e.call(NAME, "save", j -> {
            for (String older : digests.subList(1, digests.size())) {
                if (ApprovalOps.live(j, key(e.keys(), older), now)) {
                    return 0L; // saved under an older pepper
                }
            }
            // the hint before the record: a crash between them leaves only a stale hint
            SubjectHints.Added added = SubjectHints.add(j, e.keys(), SEGMENT, request.subject(),
                    SEGMENT + digests.get(0), request.expiresAt(), now);
            return SubjectHints.writeThen(j, added, () -> Values.num(RedisEngine.eval(j, ApprovalScripts.SAVE,
                    List.of(key(e.keys(), digests.get(0))), args)), r -> r == 1); // a refused save leaves nothing
        });
        if (saved == 0) {
            throw new DuplicateRecordException("a backchannel authentication request with this auth_req_id exists");
        }
    }

    @Override
    public Optional<CibaRequest> find(String authReqId) {
        return ops.find(authReqId, r -> r.withAuthReqId(authReqId));
    }

    @Override
    public Optional<CibaRequest> approve(String authReqId, Approval approval) {
        Objects.requireNonNull(approval, "approval");
        return decide(authReqId, "approve", approval);
    }

    @Override
    public Optional<CibaRequest> deny(String authReqId) {
        return decide(authReqId, "deny", null);
    }

    /** The decision: approve compares the approval's subject with the request's inside the script. */
    private Optional<CibaRequest> decide(String authReqId, String opName, Approval approval) {
        return ops.byId(authReqId, opName, (j, e, key) -> ops.decide(j, e, key, "", approval,
                approval == null ? "" : approval.subject())).map(r -> r.withAuthReqId(authReqId));
    }

    @Override
    public Optional<PollResult> poll(String authReqId) {
        return ops.poll(authReqId);
    }

    @Override
    public Optional<CibaRequest> consume(String authReqId) {
        return ops.consume(authReqId, r -> r.withAuthReqId(authReqId));
    }

    @Override
    public boolean revoke(String authReqId) {
        return ops.revoke(authReqId);
    }

    /** Through the subject's hints: each hinted request is deleted only if its field {@code j} names the subject. */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (!org.oidcstore.store.spi.Arguments.isStorableId(subject)) {
            return 0;
        }
        var now = clock.instant();
        RedisEngine e = holder.get();
        return e.call(NAME, "eraseSubject", j -> SubjectHints.erase(j, e.keys(), SEGMENT, subject, "j", now));
    }

    /**
     * CIBA body: clientId, scopes, acrValues, bindingMessage, mode, the notification token
     * {@code sealed}, createdAt; never the {@code auth_req_id} (only its digest is a key) nor the
     * subject (the field {@code j}, which approve compares).
     */
    static byte[] body(CibaRequest r, String sealed) {
        return new RecordCodec.Writer(RecordCodec.FORMAT_1).string(r.clientId()).strings(r.scopes())
                .strings(r.acrValues()).string(r.bindingMessage()).string(r.mode().name()).string(sealed)
                .instant(r.createdAt()).bytes();
    }
}
