package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.oidcstore.store.StoreKind;

/** Assertions of the hash-on-store rule over a fixture's {@link PersistedState}. */
final class Hashing {
    private Hashing() {
    }

    /**
     * The raw secret appears nowhere in what the backend persisted, and its digest does (so the
     * search really looked at the stored record, and did not pass on an empty dump).
     */
    static void assertOnlyDigestStored(StoreFixture fixture, StoreKind kind, String secret) {
        List<String> dump = fixture.persisted().dump();
        String digest = fixture.digest().digest(kind, secret);
        assertThat(dump).as("persisted state of %s", kind).isNotEmpty();
        assertThat(dump).as("no persisted item of %s may contain the raw secret", kind)
                .noneMatch(item -> item != null && item.contains(secret));
        assertThat(dump).as("the digest of the secret must be persisted for %s", kind)
                .anyMatch(item -> item != null && item.contains(digest));
    }
}
