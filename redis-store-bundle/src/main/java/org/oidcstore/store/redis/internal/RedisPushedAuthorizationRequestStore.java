package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.spi.ValueSize;

/**
 * Pushed authorization requests, keyed by the digest of the request URI. Consume is one script
 * that swaps the body for a consumed marker and keeps the key's TTL ({@code expiresAt} plus the
 * consume grace), so a replay within that window is told apart from an unknown URI.
 *
 * <p>While peppers are rotated, requests saved under an older pepper stay usable: {@code find}
 * and {@code consume} try the older digests, one round trip each, only when the newest one finds
 * nothing, and the single use is decided by the consume script on the key found. {@code save}
 * writes under the newest digest only, after making sure no older digest holds the URI (older keys
 * are never written again, so they can only disappear meanwhile).
 */
public final class RedisPushedAuthorizationRequestStore implements PushedAuthorizationRequestStore {
    static final String NAME = "pushed-authorization-requests";
    private static final byte[] GRACE = Values.ascii(CONSUME_GRACE.toNanos() / 1_000);
    private static final byte[] X = Values.ascii("x");
    private static final byte[] C = Values.ascii("c");
    private static final byte[] D = Values.ascii("d");

    /** {@code par(v)} of {@code HMGET x c d}: its expiry and whether it is consumed, or nil when absent. */
    private static final String CHECK = LuaChecks.CORE + LuaChecks.BODY + """
            local function par(v)
              if not v[1] and not v[2] and not v[3] then return nil end
              local x = num(v[1])
              if v[2] then
                if v[2] ~= '1' or v[3] then damaged() end
                return x, true
              end
              body(v[3], 'Smi')
              return x, false
            end
            """;

    /**
     * KEYS[1]; ARGV: now, grace, ttl, field, value, ... 0 = the URI exists (consumed or not) and is
     * not past expiresAt + grace; 1 = saved.
     */
    static final LuaScript PAR_SAVE = LuaChecks.checked("par-save", CHECK, """
            local x = par(redis.call('HMGET', KEYS[1], 'x', 'c', 'd'))
            if x and x + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    /**
     * KEYS[1]; ARGV: now, grace. {0} = unknown or past expiresAt + grace; {1} = already consumed;
     * {2, body, expiry} = consumed now: the body is replaced by the marker c=1, the TTL is kept.
     */
    static final LuaScript PAR_CONSUME = LuaChecks.checked("par-consume", CHECK, """
            local v = redis.call('HMGET', KEYS[1], 'x', 'c', 'd')
            local x, consumed = par(v)
            if not x or x + tonumber(ARGV[2]) <= tonumber(ARGV[1]) then return {0} end
            if consumed then return {1} end
            redis.call('HDEL', KEYS[1], 'd')
            redis.call('HSET', KEYS[1], 'c', '1')
            return {2, v[3], v[1]}
            """);

    /** The scripts of this kind, loaded at start ({@link RedisKinds#SCRIPTS}). */
    static final List<LuaScript> SCRIPTS = List.of(PAR_SAVE, PAR_CONSUME);

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
        ValueSize.check(ValueSize.of(request), e.maxValueBytes(), NAME, RedisSettings.MAX_VALUE_BYTES_KEY);
        byte[] body = body(request);
        Instant now = clock.instant();
        List<byte[]> keys = keys(e, request.requestUri());
        long ttl = Values.ttl(request.expiresAt().plus(CONSUME_GRACE), now, Values.RECORD_TTL_FLOOR);
        long saved = e.call(NAME, "save", j -> {
            for (byte[] older : keys.subList(1, keys.size())) {
                if (present(j.hmget(older, X, C, D), now)) {
                    return 0L; // saved under an older pepper, consumed or not
                }
            }
            return Values.num(RedisEngine.eval(j, PAR_SAVE, List.of(keys.get(0)), List.of(Micros.bytes(now),
                    GRACE, Values.ascii(ttl), X, Micros.bytes(request.expiresAt()), D, body)));
        });
        if (saved == 0) {
            throw new DuplicateRecordException("a pushed authorization request with this request URI exists");
        }
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(String requestUri) {
        Objects.requireNonNull(requestUri, "requestUri");
        if (!Arguments.isStorableId(requestUri)) {
            return Optional.empty(); // never stored; its digest could be a look-alike's
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        List<byte[]> keys = keys(e, requestUri);
        return e.call(NAME, "find", j -> {
            for (byte[] key : keys) { // the newest digest first; an older one only while it misses
                List<byte[]> v = j.hmget(key, X, C, D);
                if (v.get(0) != null || v.get(1) != null || v.get(2) != null) {
                    return found(v, requestUri, now);
                }
            }
            return Optional.<PushedAuthorizationRequest>empty();
        });
    }

    /** The unconsumed, unexpired request of a hash read with {@code HMGET x c d}. */
    private static Optional<PushedAuthorizationRequest> found(List<byte[]> v, String requestUri, Instant now) {
        Instant expiresAt = Micros.parse(v.get(0));
        if (v.get(1) != null) {
            if (v.get(2) != null || v.get(1).length != 1 || v.get(1)[0] != '1') {
                throw new DamagedRecordException("its consumed marker is malformed");
            }
            return Optional.empty(); // consumed
        }
        PushedAuthorizationRequest par = fromBody(v.get(2), requestUri, expiresAt);
        return Expiry.isExpired(expiresAt, now) ? Optional.empty() : Optional.of(par);
    }

    /** Whether a hash read with {@code HMGET x c d} holds a request, consumed or not, within its grace. */
    private static boolean present(List<byte[]> v, Instant now) {
        if (v.get(0) == null && v.get(1) == null && v.get(2) == null) {
            return false;
        }
        return Micros.parse(v.get(0)).plus(CONSUME_GRACE).isAfter(now); // as par-save judges it
    }

    @Override
    public Optional<PushedAuthorizationRequest> consume(String requestUri) {
        Objects.requireNonNull(requestUri, "requestUri");
        if (!Arguments.isStorableId(requestUri)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        List<byte[]> keys = keys(e, requestUri);
        // the script checked the record before consuming it; only values the record type refuses
        // (say, a blank client id) are found after the consume, by the decoder
        Optional<PushedAuthorizationRequest> consumed = e.call(NAME, "consume", j -> {
            for (byte[] key : keys) { // the single use is decided by the script, on the key that holds it
                List<?> r = (List<?>) RedisEngine.eval(j, PAR_CONSUME, List.of(key), List.of(Micros.bytes(now),
                        GRACE));
                long outcome = Values.num(r.get(0));
                if (outcome == 1) {
                    return null;
                }
                if (outcome == 2) {
                    return Optional.of(fromBody((byte[]) r.get(1), requestUri, Micros.parse((byte[]) r.get(2))));
                }
            }
            return Optional.<PushedAuthorizationRequest>empty();
        });
        if (consumed == null) {
            throw new AlreadyConsumedException("this pushed authorization request was already used (a replay)");
        }
        return consumed;
    }

    /** The keys the request URI may be stored under, the newest pepper's first (the one writes use). */
    private static List<byte[]> keys(RedisEngine e, String requestUri) {
        return e.digest().digests(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, requestUri).stream()
                .map(d -> key(e.keys(), d)).toList();
    }

    /** {@code P par:<d>}: a hash of {@code x} expiry, {@code d} body, {@code c}=1 once consumed. */
    static byte[] key(RedisKeys keys, String digest) {
        return keys.key("par:" + digest);
    }

    /** PAR body: client, parameters, createdAt; never the request URI (only its digest is a key). */
    static byte[] body(PushedAuthorizationRequest p) {
        RecordCodec.Writer w = new RecordCodec.Writer(RecordCodec.FORMAT_1).string(p.clientId());
        w.varint(p.parameters().size());
        p.parameters().forEach((k, v) -> w.string(k).strings(v));
        return w.instant(p.createdAt()).bytes();
    }

    static PushedAuthorizationRequest fromBody(byte[] body, String presentedUri, Instant expiresAt) {
        return RecordCodec.read(body, "pushed request", r -> {
            String clientId = r.string();
            int n = r.count();
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                params.put(r.string(), r.strings());
            }
            return new PushedAuthorizationRequest(presentedUri, clientId, params, r.instant(), expiresAt);
        });
    }
}
