package org.oidcstore.store.composite;

import java.util.Locale;
import java.util.Optional;
import org.oidcstore.store.tier.StoreTier;

/**
 * The session durability posture ({@code oidc.store.sessions.durability}): where login sessions
 * live, and therefore what a missing session means.
 *
 * <ul>
 *   <li>{@link #DURABLE} (default): sessions survive restarts; back-channel logout reaches every
 *       session, so a session that cannot be found is an unexpected gap.</li>
 *   <li>{@link #VOLATILE}: sessions live on the volatile tier; a lost session is a silent logout
 *       and an expected gap in a back-channel-logout audit.</li>
 * </ul>
 *
 * The posture is readable from {@link CompositeStore#sessionDurability()} and is the
 * {@code posture} tag of the session metrics.
 */
public enum SessionDurability {
    DURABLE(StoreTier.DURABLE),
    VOLATILE(StoreTier.VOLATILE);

    private final StoreTier tier;

    SessionDurability(StoreTier tier) {
        this.tier = tier;
    }

    /** The tier that hosts SESSIONS under this posture. */
    public StoreTier tier() {
        return tier;
    }

    /** The configuration spelling: {@code durable} or {@code volatile}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The posture matching a tier. */
    public static SessionDurability of(StoreTier tier) {
        return tier == StoreTier.VOLATILE ? VOLATILE : DURABLE;
    }

    /** Parses a configuration value, ignoring case and surrounding blanks; empty when invalid. */
    public static Optional<SessionDurability> fromConfigName(String value) {
        return StoreTier.fromConfigName(value).map(SessionDurability::of);
    }
}
