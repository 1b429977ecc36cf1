package org.oidcstore.store.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lets deployment validation ask a backend, from configuration alone, whether its settings would
 * be unsafe (for example a plaintext or unauthenticated Redis connection without the explicitly
 * named dev-mode flag). Backends register an implementation with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.oidcstore.store.spi.ConfigSafetyCheck}). It must be pure: no
 * connection, no I/O, no secret in its output.
 */
public interface ConfigSafetyCheck {

    /** The backend this check is for, as in {@code OidcStore.backend()}. */
    String backend();

    /**
     * The unsafe, unacknowledged settings found in the configuration, each a sentence naming the
     * key and how to fix it; empty when safe.
     *
     * @param config looks a configuration key up (MicroProfile Config semantics: empty when unset)
     */
    List<String> unsafeSettings(Function<String, Optional<String>> config);

    /**
     * The weakening settings the operator acknowledged by name (dev-mode flags, accepted risks),
     * each a sentence naming the key and what it weakens; empty when none is set. They are not
     * problems: the composite logs them as warnings at deployment, so that an acknowledged risk is
     * visible before the first request and not only when the backend starts. Pure, like
     * {@link #unsafeSettings}: no connection, no I/O, no secret in its output.
     *
     * @param config looks a configuration key up (MicroProfile Config semantics: empty when unset)
     */
    default List<String> acknowledgedRisks(Function<String, Optional<String>> config) {
        return List.of();
    }
}
