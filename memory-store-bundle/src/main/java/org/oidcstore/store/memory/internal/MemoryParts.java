package org.oidcstore.store.memory.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.StoreSettings;

/**
 * What the memory tier's stores are built from: its settings, the shared settings (digest,
 * clock-skew allowance), the clock and the maps. Each store asks for the map of its own kind (and
 * any state it keeps beside it, like the sessions' chooser-group index) when it is built, so the
 * aggregate never names a kind; a store {@linkplain #withShared reopened} with other shared
 * settings reuses the same maps.
 */
final class MemoryParts {
    private final MemorySettings settings;
    private final StoreSettings shared;
    private final Clock clock;
    private final Maps maps;

    /** The maps of one tier, by kind, plus the state kept beside them. */
    private static final class Maps {
        final Map<StoreKind, ExpiringMap<?>> byKind = Collections.synchronizedMap(new EnumMap<>(StoreKind.class));
        final Map<StoreKind, Object> beside = Collections.synchronizedMap(new EnumMap<>(StoreKind.class));
        final Map<StoreKind, SubjectIndex> subjects = Collections.synchronizedMap(new EnumMap<>(StoreKind.class));
    }

    MemoryParts(MemorySettings settings, StoreSettings shared, Clock clock) {
        this(settings, shared, clock, new Maps());
    }

    private MemoryParts(MemorySettings settings, StoreSettings shared, Clock clock, Maps maps) {
        this.settings = settings;
        this.shared = shared;
        this.clock = clock;
        this.maps = maps;
    }

    /** The same maps with other shared settings (another pepper list): what the TCK's reopen needs. */
    MemoryParts withShared(StoreSettings other) {
        return new MemoryParts(settings, other, clock, maps);
    }

    MemorySettings settings() {
        return settings;
    }

    StoreSettings shared() {
        return shared;
    }

    /**
     * The map of {@code kind}, created on first request with the tier's capacity and sweep batch.
     *
     * @param onReclaim called inside the key's atomic section when an entry leaves the map, or null
     */
    @SuppressWarnings("unchecked")
    <V> ExpiringMap<V> map(StoreKind kind, BiConsumer<String, V> onReclaim) {
        return (ExpiringMap<V>) maps.byKind.computeIfAbsent(kind, k -> new ExpiringMap<V>(k.configName(), clock,
                settings.capacity(), settings.sweepBatch(), onReclaim));
    }

    /** State a kind keeps beside its map (created once, shared by reopened stores). */
    @SuppressWarnings("unchecked")
    <T> T beside(StoreKind kind, Supplier<T> created) {
        return (T) maps.beside.computeIfAbsent(kind, k -> created.get());
    }

    /** The subject index kept beside the map of {@code kind} (created once, shared by reopened stores). */
    SubjectIndex subjects(StoreKind kind) {
        return maps.subjects.computeIfAbsent(kind, k -> new SubjectIndex());
    }

    /** Every map built so far, by kind. */
    Map<StoreKind, ExpiringMap<?>> maps() {
        synchronized (maps.byKind) {
            return Map.copyOf(maps.byKind);
        }
    }

    /** The state {@code kind} keeps beside its map, or null (tests). */
    Object besideOf(StoreKind kind) {
        return maps.beside.get(kind);
    }

    /** The subject index of {@code kind}, or null (tests). */
    SubjectIndex subjectsOf(StoreKind kind) {
        return maps.subjects.get(kind);
    }

    /** The state kept beside the maps, subject indexes included. */
    Collection<Object> besides() {
        java.util.List<Object> out = new java.util.ArrayList<>();
        synchronized (maps.beside) {
            out.addAll(maps.beside.values());
        }
        synchronized (maps.subjects) {
            maps.subjects.values().forEach(ix -> out.add(ix.view()));
        }
        return out;
    }
}
