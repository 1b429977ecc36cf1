package org.oidcstore.store.memory.internal;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.oidcstore.store.Readiness;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStore;
import org.oidcstore.store.spi.HostedKinds;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;

/**
 * The in-process volatile tier: the stores of {@link MemoryKinds} over one set of maps. Nothing
 * here names a kind; the table does.
 */
public final class MemoryAggregate implements MemoryStore {
    private final MemoryParts parts;
    private final HostedKinds.Stores stores;

    /**
     * @param settings the tier's own settings (validated here)
     * @param shared the digest of bearer secrets and the JWT-ID clock-skew allowance
     */
    public MemoryAggregate(MemorySettings settings, Clock clock, StoreSettings shared) {
        this(new MemoryParts(settings.validate(), Objects.requireNonNull(shared, "shared"), clock));
    }

    private MemoryAggregate(MemoryParts parts) {
        this.parts = parts;
        this.stores = MemoryKinds.TABLE.create(backend(), parts);
    }

    /**
     * A second store over the same maps whose bearer-secret digests use {@code digest}: what a
     * node configured with another {@code oidc.store.secret-pepper} list would see if it shared
     * this tier. The TCK's pepper-rotation contract needs it; in production a memory tier has one
     * configuration, and a new pepper list comes with a restart, which empties it.
     */
    MemoryAggregate sharingMapsWith(SecretDigest digest) {
        return new MemoryAggregate(parts.withShared(parts.shared().withDigest(digest)));
    }

    /** Reclaims every expired entry of every map now, judged by the store's clock (the TCK's sweep). */
    void reclaimExpired() {
        parts.maps().values().forEach(m -> m.reclaim(Integer.MAX_VALUE, true));
    }

    @Override
    public String backend() {
        return "memory";
    }

    /** In process: nothing to reach, always ready (a full tier refuses writes, but still serves reads). */
    @Override
    public Readiness readiness() {
        return Readiness.ready("memory: in process");
    }

    @Override
    public Set<StoreKind> kinds() {
        return stores.kinds();
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Object store(StoreKind kind) {
        return stores.store(kind);
    }

    @Override
    public Map<StoreKind, Integer> sizes() {
        Map<StoreKind, Integer> out = new EnumMap<>(StoreKind.class);
        stores.kinds().forEach(k -> out.put(k, 0));
        parts.maps().forEach((k, m) -> out.put(k, m.size()));
        return out;
    }

    /** Reclamation nodes the map of {@code kind} holds beside its entries (tests). */
    int pendingNodes(StoreKind kind) {
        stores.store(kind); // not hosted: OIDCS-1002
        ExpiringMap<?> m = parts.maps().get(kind);
        return m == null ? 0 : m.pendingNodes();
    }

    /** The state the store of {@code kind} keeps beside its map (the user-code index), or null (tests). */
    Object besidesOf(StoreKind kind) {
        return parts.besideOf(kind);
    }

    /** The subject index beside the map of {@code kind}, or null (tests). */
    SubjectIndex subjectsOf(StoreKind kind) {
        return parts.subjectsOf(kind);
    }

    @Override
    public Map<StoreKind, Long> recordCounts() {
        Map<StoreKind, Long> counts = new EnumMap<>(StoreKind.class);
        sizes().forEach((k, v) -> counts.put(k, v.longValue()));
        return counts;
    }

    /**
     * Everything held, as text: every key and every component of every stored value (records are
     * rendered component by component, not through their redacting {@code toString}), then the
     * state kept beside the maps (the chooser-group index). Used by the TCK's hash-on-store cases.
     */
    public List<String> dump() {
        List<String> out = new ArrayList<>();
        for (ExpiringMap<?> m : parts.maps().values()) {
            for (Map.Entry<String, ? extends ExpiringMap.Entry<?>> e : m.entries()) {
                out.add(e.getKey());
                render(e.getValue().value(), out);
            }
        }
        for (Object beside : parts.besides()) {
            render(beside, out);
        }
        return out;
    }

    private static void render(Object value, List<String> out) {
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    Object v = c.getAccessor().invoke(r);
                    if (v instanceof Record) {
                        render(v, out);
                    } else if (v instanceof byte[] b) {
                        out.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
                    } else {
                        out.add(String.valueOf(v));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                out.add(String.valueOf(k));
                render(v, out);
            });
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> render(v, out));
        } else {
            out.add(String.valueOf(value));
        }
    }
}
