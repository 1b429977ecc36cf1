package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.SecretDigest;
import redis.clients.jedis.UnifiedJedis;

/**
 * The operations the two kinds a user approves on another channel share, on the hash of one
 * request ({@link ApprovalScripts}): find, the decision, poll, consume and revoke, each one script
 * (one round trip) on the key of the presented id's newest digest, then on the older ones while it
 * finds nothing (a request saved before a pepper rotation). Parameterised by the kind: its name,
 * the script kind and body layout, its key, its record decoder and the words of its messages.
 *
 * @param <T> the kind's record, as {@link Decoder} reads it (without its id)
 */
final class ApprovalOps<T> {
    /** Reads the ten fields of a hash ({@link ApprovalScripts#FIELDS} order) into the kind's record. */
    interface Decoder<T> {
        T decode(List<byte[]> fields, SecretDigest digest);
    }

    /** One script on one key: empty when it finds nothing there. */
    interface OnKey<R> {
        Optional<R> apply(UnifiedJedis j, RedisEngine e, byte[] key);
    }

    private final EngineHolder holder;
    private final Clock clock;
    private final String name;
    private final StoreKind kind;
    private final String scriptKind;
    private final String layout;
    private final BiFunction<RedisKeys, String, byte[]> key;
    private final Decoder<T> decoder;
    private final BiPredicate<T, Instant> expired;
    private final String idParameter;
    private final String noun;
    private final String idNoun;

    /**
     * @param name the substore name (errors, {@code OIDCS} messages)
     * @param scriptKind {@code ARGV[2]} of the scripts ({@code device} or {@code ciba})
     * @param idParameter the name of the id parameter ({@code NullPointerException} text)
     * @param noun the kind in messages ("device authorization")
     * @param idNoun the id in messages ("device code")
     */
    ApprovalOps(EngineHolder holder, Clock clock, String name, StoreKind kind, String scriptKind, String layout,
            BiFunction<RedisKeys, String, byte[]> key, Decoder<T> decoder, BiPredicate<T, Instant> expired,
            String idParameter, String noun, String idNoun) {
        this.holder = holder;
        this.clock = clock;
        this.name = name;
        this.kind = kind;
        this.scriptKind = scriptKind;
        this.layout = layout;
        this.key = key;
        this.decoder = decoder;
        this.expired = expired;
        this.idParameter = idParameter;
        this.noun = noun;
        this.idNoun = idNoun;
    }

    /** The three arguments every script of {@link ApprovalScripts} starts with, for this kind, now. */
    List<byte[]> args() {
        return ApprovalScripts.args(clock.instant(), scriptKind, layout);
    }

    /** Whether the hash at {@code key} holds a record not past its expiry (one HMGET). */
    static boolean live(UnifiedJedis j, byte[] key, Instant now) {
        List<byte[]> v = j.hmget(key, ApprovalScripts.FIELDS);
        return !ApprovalScripts.absent(v) && Micros.parse(v.get(ApprovalScripts.X)).isAfter(now);
    }

    /** The live record of {@code id} (one HMGET per digest tried), decoded; {@code asFound} sets the id. */
    Optional<T> find(String id, UnaryOperator<T> asFound) {
        if (!Arguments.isStorableId(Objects.requireNonNull(id, idParameter))) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        List<String> digests = e.digest().digests(kind, id);
        return e.call(name, "find", j -> {
            for (String d : digests) {
                List<byte[]> v = j.hmget(key.apply(e.keys(), d), ApprovalScripts.FIELDS);
                if (!ApprovalScripts.absent(v)) {
                    T r = decoder.decode(v, e.digest());
                    return expired.test(r, now) ? Optional.<T>empty() : Optional.of(asFound.apply(r));
                }
            }
            return Optional.<T>empty();
        });
    }

    /**
     * One {@code approval-decide} call: approved with {@code approval}, denied when it is null.
     * {@code userDigest} is the user-code digest the record must hold ('' = any); {@code subject}
     * the subject it must name ('' = any). Empty: not found.
     */
    Optional<T> decide(UnifiedJedis j, RedisEngine e, byte[] key, String userDigest, Approval approval,
            String subject) {
        List<byte[]> args = new ArrayList<>(args());
        args.add(Values.utf8(userDigest));
        args.add(Values.ascii(approval == null ? "D" : "A"));
        args.add(approval == null ? Values.EMPTY : ApprovalRecords.approval(approval));
        args.add(Values.utf8(subject));
        List<?> r = (List<?>) RedisEngine.eval(j, ApprovalScripts.DECIDE, List.of(key), args);
        long outcome = Values.num(r.get(0));
        if (outcome == 2) {
            throw new ConflictException("the " + noun + " is " + ApprovalScripts.state((byte[]) r.get(1))
                    + ", not pending");
        }
        if (outcome == 3) {
            throw new ConflictException("only the user the " + noun + " names may approve it");
        }
        return outcome == 1 ? Optional.of(decoder.decode(ApprovalScripts.fields(r), e.digest())) : Optional.empty();
    }

    /** A poll: one {@code approval-poll} call (one EVALSHA) per digest tried. */
    Optional<PollResult> poll(String id) {
        return byId(id, "poll", (j, e, key) -> {
            List<byte[]> args = new ArrayList<>(args());
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

    /** One {@code approval-consume} call; {@code asFound} sets the presented id on what it hands back. */
    Optional<T> consume(String id, UnaryOperator<T> asFound) {
        return byId(id, "consume", (j, e, key) -> {
            List<?> r = (List<?>) RedisEngine.eval(j, ApprovalScripts.CONSUME, List.of(key), args());
            long outcome = Values.num(r.get(0));
            if (outcome == 2) {
                throw new ConflictException("the " + noun + " is " + ApprovalScripts.state((byte[]) r.get(1))
                        + ", not approved");
            }
            if (outcome == 3) {
                throw new AlreadyConsumedException("this " + idNoun + " was already redeemed (a replay)",
                        asFound.apply(decoder.decode(ApprovalScripts.fields(r), e.digest())));
            }
            return outcome == 1 ? Optional.of(decoder.decode(ApprovalScripts.fields(r), e.digest()))
                    : Optional.empty();
        }).map(asFound);
    }

    /** One {@code approval-revoke} call: whether this call denied the request. */
    boolean revoke(String id) {
        return byId(id, "revoke", (j, e, key) -> Values.num(RedisEngine.eval(j, ApprovalScripts.REVOKE,
                List.of(key), args())) == 1 ? Optional.of(Boolean.TRUE) : Optional.<Boolean>empty()).isPresent();
    }

    /**
     * Runs {@code op} (one script) on the key of the id's newest digest, then on the older ones while
     * it finds nothing (a request saved before a pepper rotation).
     */
    <R> Optional<R> byId(String id, String opName, OnKey<R> op) {
        if (!Arguments.isStorableId(Objects.requireNonNull(id, idParameter))) {
            return Optional.empty();
        }
        RedisEngine e = holder.get();
        List<String> digests = e.digest().digests(kind, id);
        return e.call(name, opName, j -> {
            for (String d : digests) {
                Optional<R> out = op.apply(j, e, key.apply(e.keys(), d));
                if (out.isPresent()) {
                    return out;
                }
            }
            return Optional.<R>empty();
        });
    }
}
