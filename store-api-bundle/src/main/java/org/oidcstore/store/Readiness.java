package org.oidcstore.store;

import java.util.Objects;

/**
 * What one backend's readiness probe found ({@link OidcStore#readiness()}): whether its engine
 * answered, and a one-line detail for operators. The detail names the engine's state or the
 * problem's id (e.g. {@code OIDCS-1450 …}); it never holds a secret, a key or a record.
 *
 * @param ready whether the backend can serve requests now
 * @param detail what was checked, or why it is not ready
 */
public record Readiness(boolean ready, String detail) {

    public Readiness {
        Objects.requireNonNull(detail, "detail");
    }

    /** Ready, with what was checked. */
    public static Readiness ready(String detail) {
        return new Readiness(true, detail);
    }

    /** Not ready, with why. */
    public static Readiness notReady(String detail) {
        return new Readiness(false, detail);
    }
}
