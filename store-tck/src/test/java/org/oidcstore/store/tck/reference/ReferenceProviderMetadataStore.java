package org.oidcstore.store.tck.reference;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.Limits;
import org.oidcstore.store.ProviderMetadataStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Provider metadata: values by key, compared exactly. */
final class ReferenceProviderMetadataStore implements ProviderMetadataStore, ReferenceSubstore {
    private static final Table<String> VALUES = new Table<>(StoreKind.PROVIDER_METADATA.configName());

    private final ReferenceData data;

    ReferenceProviderMetadataStore(ReferenceParts parts) {
        this.data = parts.data();
    }

    private static String value(String value) {
        return Arguments.text(Objects.requireNonNull(value, "value"), "value", Limits.MAX_TEXT_LENGTH);
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        if (!Arguments.isStorableId(key)) {
            return Optional.empty();
        }
        return data.call(() -> Optional.ofNullable(data.rows(VALUES).get(key)));
    }

    @Override
    public void set(String key, String value) {
        Arguments.id(key, "key");
        value(value);
        data.run(() -> data.rows(VALUES).put(key, value));
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        Objects.requireNonNull(key, "key");
        value(value);
        if (expected == null) {
            Arguments.id(key, "key");
        } else if (!Arguments.isStorableId(key)) {
            return false;
        }
        return data.call(() -> {
            Map<String, String> rows = data.rows(VALUES);
            if (!Objects.equals(rows.get(key), expected)) {
                return false;
            }
            rows.put(key, value);
            return true;
        });
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(VALUES).size());
    }
}
