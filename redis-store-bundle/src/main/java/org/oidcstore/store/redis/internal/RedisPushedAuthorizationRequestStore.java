package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Expiry;

/**
 * Pushed authorization requests, keyed by the digest of the request URI. Consume is one script
 * that swaps the body for a consumed marker and keeps the key's TTL ({@code expiresAt} plus the
 * consume grace), so a replay within that window is told apart from an unknown URI.
 */
public final class RedisPushedAuthorizationRequestStore implements PushedAuthorizationRequestStore {
    static final String NAME = "pushed-authorization-requests";
    private static final byte[] GRACE = Values.ascii(CONSUME_GRACE.toNanos() / 1_000);
    private static final byte[] X = Values.ascii("x");
    private static final byte[] C = Values.ascii("c");
    private static final byte[] D = Values.ascii("d");

    private final EngineHolder holder;
    private final Clock clock;

    public RedisPushedAuthorizationRequestStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    public void save(PushedAuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        RedisEngine e = holder.get();
        byte[] body = RecordCodec.par(request);
        Values.checkSize(body.length + (long) Values.FIELD_OVERHEAD, e.maxValueBytes(), "the pushed request");
        Instant now = clock.instant();
        byte[] key = key(e, request.requestUri());
        long ttl = Values.ttl(request.expiresAt().plus(CONSUME_GRACE), now, Values.RECORD_TTL_FLOOR);
        long saved = e.call(NAME, "save", j -> Values.num(RedisEngine.eval(j, Scripts.PAR_SAVE, List.of(key),
                List.of(Micros.bytes(now), GRACE, Values.ascii(ttl), X, Micros.bytes(request.expiresAt()), D, body))));
        if (saved == 0) {
            throw new DuplicateRecordException("a pushed authorization request with this request URI exists");
        }
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(String requestUri) {
        Objects.requireNonNull(requestUri, "requestUri");
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = key(e, requestUri);
        return e.call(NAME, "find", j -> {
            List<byte[]> v = j.hmget(key, X, C, D);
            if (v.get(0) == null && v.get(1) == null && v.get(2) == null) {
                return Optional.<PushedAuthorizationRequest>empty();
            }
            Instant expiresAt = Micros.parse(v.get(0));
            if (v.get(1) != null) {
                if (v.get(2) != null || v.get(1).length != 1 || v.get(1)[0] != '1') {
                    throw new DamagedRecordException("its consumed marker is malformed");
                }
                return Optional.<PushedAuthorizationRequest>empty(); // consumed
            }
            PushedAuthorizationRequest par = RecordCodec.par(v.get(2), requestUri, expiresAt);
            return Expiry.isExpired(expiresAt, now) ? Optional.<PushedAuthorizationRequest>empty() : Optional.of(par);
        });
    }

    @Override
    public Optional<PushedAuthorizationRequest> consume(String requestUri) {
        Objects.requireNonNull(requestUri, "requestUri");
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = key(e, requestUri);
        // the script checked the record before consuming it; only values the record type refuses
        // (say, a blank client id) are found after the consume, by the decoder
        Optional<PushedAuthorizationRequest> consumed = e.call(NAME, "consume", j -> {
            List<?> r = (List<?>) RedisEngine.eval(j, Scripts.PAR_CONSUME, List.of(key), List.of(Micros.bytes(now),
                    GRACE));
            long outcome = Values.num(r.get(0));
            if (outcome == 0) {
                return Optional.<PushedAuthorizationRequest>empty();
            }
            if (outcome == 1) {
                return null;
            }
            return Optional.of(RecordCodec.par((byte[]) r.get(1), requestUri, Micros.parse((byte[]) r.get(2))));
        });
        if (consumed == null) {
            throw new AlreadyConsumedException("this pushed authorization request was already used (a replay)");
        }
        return consumed;
    }

    private static byte[] key(RedisEngine e, String requestUri) {
        return e.keys().par(e.digest().digest(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, requestUri));
    }
}
