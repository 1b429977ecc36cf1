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
     * The weakening settings the operator acknowledged by their explicitly named flags (for example
     * a dev-mode flag that allows a plaintext connection), each a sentence naming the key. The
     * composite logs them as warnings at deployment, so they are seen before the first request.
     */
    default List<String> acknowledgedRisks(Function<String, Optional<String>> config) {
        return List.of();
    }

    /**
     * Every problem of this backend's configuration that would make it fail at its first use,
     * each starting with its message id and saying how to fix it: missing or malformed keys, and
     * classes the configured mode needs that do not load (a driver, a client library). Pure, like
     * {@link #unsafeSettings}: the composite reports them at deployment, so that a deployment that
     * cannot work fails then, not at the first request.
     */
    default List<String> problems(Function<String, Optional<String>> config) {
        return List.of();
    }
}
