package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.spi.ValueSize;

/**
 * Interactions with compare-and-swap. The state is a hash field of its own, written and read with
 * binary-safe commands, and compared byte for byte inside Lua (Lua strings are 8-bit clean), so
 * of several concurrent swaps from the same expected state exactly one matches.
 */
public final class RedisInteractionStore implements InteractionCompareAndSwap {
    static final String NAME = "interactions";
    private static final byte[] X = Values.ascii("x");
    private static final byte[] S = Values.ascii("s");
    private static final byte[] D = Values.ascii("d");

    private final EngineHolder holder;
    private final Clock clock;

    public RedisInteractionStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    public void save(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        RedisEngine e = holder.get();
        List<byte[]> fields = fields(e, interaction);
        Instant now = clock.instant();
        List<byte[]> args = new ArrayList<>();
        args.add(Values.ascii(Values.ttl(interaction.expiresAt(), now, Values.RECORD_TTL_FLOOR)));
        args.addAll(fields);
        byte[] key = e.keys().interaction(interaction.interactionId());
        e.call(NAME, "save", j -> RedisEngine.eval(j, Scripts.HASH_PUT, List.of(key), args));
    }

    @Override
    public Optional<Interaction> find(String interactionId) {
        Objects.requireNonNull(interactionId, "interactionId");
        if (!Arguments.isStorableId(interactionId)) {
            return Optional.empty(); // never stored; its key could be a look-alike's (ia\uDC00 is ia?)
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = e.keys().interaction(interactionId);
        return e.call(NAME, "find", j -> {
            List<byte[]> v = j.hmget(key, X, S, D);
            if (v.get(0) == null && v.get(1) == null && v.get(2) == null) {
                return Optional.<Interaction>empty();
            }
            if (v.get(1) == null) {
                throw new DamagedRecordException("its state field is missing");
            }
            Instant expiresAt = Micros.parse(v.get(0));
            Instant createdAt = RecordCodec.interactionCreatedAt(v.get(2));
            if (Expiry.isExpired(expiresAt, now)) {
                return Optional.<Interaction>empty();
            }
            try {
                return Optional.of(new Interaction(interactionId, v.get(1), createdAt, expiresAt));
            } catch (IllegalArgumentException e2) {
                throw new DamagedRecordException("it does not decode to a valid interaction", e2);
            }
        });
    }

    @Override
    public boolean delete(String interactionId) {
        Objects.requireNonNull(interactionId, "interactionId");
        if (!Arguments.isStorableId(interactionId)) {
            return false;
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = e.keys().interaction(interactionId);
        return e.call(NAME, "delete", j -> Values.num(RedisEngine.eval(j, Scripts.LIVE_DELETE, List.of(key),
                List.of(Micros.bytes(now))))) == 1;
    }

    @Override
    public void compareAndSwap(byte[] expectedState, Interaction next) {
        Objects.requireNonNull(expectedState, "expectedState");
        Objects.requireNonNull(next, "next");
        RedisEngine e = holder.get();
        List<byte[]> fields = fields(e, next);
        Instant now = clock.instant();
        List<byte[]> args = new ArrayList<>();
        args.add(Micros.bytes(now));
        args.add(expectedState.clone());
        args.add(Values.ascii(Values.ttl(next.expiresAt(), now, Values.RECORD_TTL_FLOOR)));
        args.addAll(fields);
        byte[] key = e.keys().interaction(next.interactionId());
        long swapped = e.call(NAME, "compareAndSwap",
                j -> Values.num(RedisEngine.eval(j, Scripts.INTERACTION_CAS, List.of(key), args)));
        if (swapped == 0) {
            throw conflict();
        }
    }

    @Override
    public void deleteIfUnchanged(String interactionId, byte[] expectedState) {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(expectedState, "expectedState");
        if (!Arguments.isStorableId(interactionId)) {
            throw conflict(); // absent: what an interaction that is gone answers
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = e.keys().interaction(interactionId);
        long deleted = e.call(NAME, "deleteIfUnchanged", j -> Values.num(RedisEngine.eval(j,
                Scripts.INTERACTION_DELETE_IF, List.of(key), List.of(Micros.bytes(now), expectedState.clone()))));
        if (deleted == 0) {
            throw conflict();
        }
    }

    /** No interaction id in the message: ids of half-finished logins work like bearer values. */
    private static ConflictException conflict() {
        return new ConflictException("the interaction changed, expired or is gone; re-read it");
    }

    /** The hash fields of a record, after the size check (nothing is written when it fails). */
    private static List<byte[]> fields(RedisEngine e, Interaction i) {
        ValueSize.check(ValueSize.of(i), e.maxValueBytes(), NAME, RedisSettings.MAX_VALUE_BYTES_KEY);
        return List.of(X, Micros.bytes(i.expiresAt()), S, i.state(), D, RecordCodec.interaction(i.createdAt()));
    }
}
