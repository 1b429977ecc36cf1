package org.oidcstore.store.composite.internal;

/**
 * Why a kind is on its tier: what decided it, and the text the routing table and the messages show
 * ({@code oidc.store.route.sessions=volatile}, {@code default tier}, {@code with(SESSIONS, store)}).
 *
 * @param by what decided the tier
 * @param text the reason as shown
 */
record Placed(By by, String text) {

    /** What decided a kind's tier, in the order the validator's resolution tries them. */
    enum By {
        /** The builder's {@code with(kind, store)}. */
        BINDING,
        /** The kind's own route key. */
        ROUTE,
        /** The session durability posture. */
        POSTURE,
        /** {@code oidc.store.route.default}. */
        DEFAULT_ROUTE,
        /** The kind's default tier. */
        DEFAULT_TIER
    }
}
