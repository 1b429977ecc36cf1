package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.ValueSize;
import redis.clients.jedis.UnifiedJedis;

/**
 * Backchannel authentication requests: one hash {@code P ciba:<d>} per request, keyed by the
 * digest of its {@code auth_req_id}, in the layout of {@link ApprovalScripts} (every operation is
 * one script on that one key). The subject is the hash field {@code j}, which {@code approve}
 * compares inside the script; the body holds the notification token only sealed
 * ({@code SecretDigest.seal}), and a token no pepper of this node opens makes the request
 * unreadable ({@code OIDCS-1454}).
 */
public final class RedisCibaRequestStore implements CibaRequestStore {
    static final String NAME = "ciba-requests";
    private static final StoreKind KIND = StoreKind.CIBA_REQUESTS;
    /** Body layout (clientId, scopes, acrValues, bindingMessage, mode, sealed token, createdAt) for {@link LuaChecks}. */
    static final String LAYOUT = "SllsSsi";

    private final EngineHolder holder;
    private final Clock clock;

    public RedisCibaRequestStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
    }

    /** {@code P ciba:<d>}: the request's hash. */
    static byte[] key(RedisKeys keys, String digest) {
        return keys.key("ciba:" + digest);
    }

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
                List<byte[]> v = j.hmget(key(e.keys(), older), ApprovalScripts.FIELDS);
                if (!ApprovalScripts.absent(v) && Micros.parse(v.get(ApprovalScripts.X)).isAfter(now)) {
                    return 0L; // saved under an older pepper
                }
            }
            return Values.num(RedisEngine.eval(j, ApprovalScripts.SAVE, List.of(key(e.keys(), digests.get(0))), args));
        });
        if (saved == 0) {
            throw new DuplicateRecordException("a backchannel authentication request with this auth_req_id exists");
        }
    }

    @Override
    public Optional<CibaRequest> find(String authReqId) {
        if (!Arguments.isStorableId(Objects.requireNonNull(authReqId, "authReqId"))) {
            return Optional.empty();
        }
        var now = clock.instant();
        RedisEngine e = holder.get();
        List<String> digests = e.digest().digests(KIND, authReqId);
        return e.call(NAME, "find", j -> {
            for (String d : digests) {
                List<byte[]> v = j.hmget(key(e.keys(), d), ApprovalScripts.FIELDS);
                if (!ApprovalScripts.absent(v)) {
                    CibaRequest r = ApprovalRecords.ciba(v, e.digest());
                    return r.isExpiredAt(now) ? Optional.<CibaRequest>empty() : Optional.of(r.withAuthReqId(authReqId));
                }
            }
            return Optional.<CibaRequest>empty();
        });
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

    private Optional<CibaRequest> decide(String authReqId, String opName, Approval approval) {
        return run(authReqId, opName, (j, e, key) -> {
            List<byte[]> args = new ArrayList<>(ApprovalScripts.args(clock.instant(), "ciba", LAYOUT));
            args.add(Values.EMPTY);
            args.add(Values.ascii(approval == null ? "D" : "A"));
            args.add(approval == null ? Values.EMPTY : ApprovalRecords.approval(approval));
            args.add(approval == null ? Values.EMPTY : Values.utf8(approval.subject()));
            List<?> r = (List<?>) RedisEngine.eval(j, ApprovalScripts.DECIDE, List.of(key), args);
            long outcome = Values.num(r.get(0));
            if (outcome == 2) {
                throw new ConflictException("the backchannel authentication request is "
                        + ApprovalScripts.state((byte[]) r.get(1)) + ", not pending");
            }
            if (outcome == 3) {
                throw new ConflictException("only the user the backchannel authentication request names may approve it");
            }
            return outcome == 1 ? Optional.of(ApprovalRecords.ciba(ApprovalScripts.fields(r), e.digest()))
                    : Optional.empty();
        }).map(r -> r.withAuthReqId(authReqId));
    }

    @Override
    public Optional<PollResult> poll(String authReqId) {
        return run(authReqId, "poll", (j, e, key) -> {
            List<byte[]> args = new ArrayList<>(ApprovalScripts.args(clock.instant(), "ciba", LAYOUT));
            args.add(Values.ascii(PollResult.SLOW_DOWN_STEP.toSeconds()));
            args.add(Values.ascii(PollResult.MAX_INTERVAL.toSeconds()));
            List<?> r = (List<?>) RedisEngine.eval(j, ApprovalScripts.POLL, List.of(key), args);
            if (Values.num(r.get(0)) == 0) {
                return Optional.empty();
            }
            return Optional.of(new PollResult(ApprovalScripts.state((byte[]) r.get(1)), Values.num(r.get(2)) == 1,
                    Duration.ofSeconds(Values.num(r.get(3)))));
        });
    }

    @Override
    public Optional<CibaRequest> consume(String authReqId) {
        return run(authReqId, "consume", (j, e, key) -> {
            List<?> r = (List<?>) RedisEngine.eval(j, ApprovalScripts.CONSUME, List.of(key),
                    ApprovalScripts.args(clock.instant(), "ciba", LAYOUT));
            long outcome = Values.num(r.get(0));
            if (outcome == 2) {
                throw new ConflictException("the backchannel authentication request is "
                        + ApprovalScripts.state((byte[]) r.get(1)) + ", not approved");
            }
            if (outcome == 3) {
                throw new AlreadyConsumedException("this auth_req_id was already redeemed (a replay)",
                        ApprovalRecords.ciba(ApprovalScripts.fields(r), e.digest()).withAuthReqId(authReqId));
            }
            return outcome == 1 ? Optional.of(ApprovalRecords.ciba(ApprovalScripts.fields(r), e.digest()))
                    : Optional.empty();
        }).map(r -> r.withAuthReqId(authReqId));
    }

    @Override
    public boolean revoke(String authReqId) {
        return run(authReqId, "revoke", (j, e, key) -> Values.num(RedisEngine.eval(j, ApprovalScripts.REVOKE,
                List.of(key), ApprovalScripts.args(clock.instant(), "ciba", LAYOUT))) == 1
                ? Optional.of(Boolean.TRUE) : Optional.<Boolean>empty()).isPresent();
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

    private interface OnKey<T> {
        Optional<T> apply(UnifiedJedis j, RedisEngine e, byte[] key);
    }

    /**
     * Runs {@code op} (one script) on the key of the newest digest, then on the older ones while it
     * finds nothing (a request saved before a pepper rotation).
     */
    private <T> Optional<T> run(String authReqId, String opName, OnKey<T> op) {
        if (!Arguments.isStorableId(Objects.requireNonNull(authReqId, "authReqId"))) {
            return Optional.empty();
        }
        RedisEngine e = holder.get();
        List<String> digests = e.digest().digests(KIND, authReqId);
        return e.call(NAME, opName, j -> {
            for (String d : digests) {
                Optional<T> out = op.apply(j, e, key(e.keys(), d));
                if (out.isPresent()) {
                    return out;
                }
            }
            return Optional.<T>empty();
        });
    }
}
