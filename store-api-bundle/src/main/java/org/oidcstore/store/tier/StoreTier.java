package org.oidcstore.store.tier;

import java.util.Locale;
import java.util.Optional;

/**
 * The two tiers a kind can be routed to.
 *
 * <ul>
 *   <li>{@link #DURABLE}: state a provider cannot afford to lose (clients, grants, refresh-token
 *       chains, revocations). Hosted by the JPA backend, qualified {@link Durable}.</li>
 *   <li>{@link #VOLATILE}: short-lived, high-churn state that may be lost (pushed authorization
 *       requests, consumed JWT IDs, interactions, optionally sessions). Hosted by the Redis or the
 *       in-memory backend, qualified {@link Volatile}. Losing it makes users start a flow again; it
 *       never allows a replay, because every volatile kind fails closed.</li>
 * </ul>
 */
public enum StoreTier {
    DURABLE,
    VOLATILE;

    /** The configuration spelling: {@code durable} or {@code volatile}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration value, ignoring case and surrounding blanks. */
    public static Optional<StoreTier> fromConfigName(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (StoreTier t : values()) {
            if (t.name().equals(v)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
