package org.oidcstore.store.spi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.oidcstore.store.StoreKind;

/**
 * A backend deleted expired records in its own sweep (for example the JPA tier's GC). Backends
 * fire it as a CDI event ({@code BeanManager.getEvent().fire(..)} or {@code Event<ExpiredRecordsPurged>})
 * and the composite adds the counts to {@code oidc_store_purged_total}; Java SE users pass it to
 * {@code CompositeStore.recordPurge}. Purges made through the composite's own
 * {@code purgeExpired}/{@code purge} calls are counted without it.
 *
 * @param backend the backend's name, as {@code OidcStore.backend()}
 * @param deleted records deleted per kind
 */
public record ExpiredRecordsPurged(String backend, Map<StoreKind, Integer> deleted) {

    public ExpiredRecordsPurged {
        Objects.requireNonNull(backend, "backend");
        EnumMap<StoreKind, Integer> copy = new EnumMap<>(StoreKind.class);
        copy.putAll(deleted);
        deleted = Collections.unmodifiableMap(copy);
    }
}
