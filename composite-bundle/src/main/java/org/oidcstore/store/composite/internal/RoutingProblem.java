package org.oidcstore.store.composite.internal;

import java.util.Objects;

/**
 * One problem of a routing or composite configuration.
 *
 * @param id the stable message id, e.g. {@code OIDCS-2030} (listed in {@code docs/message-ids.md})
 * @param message the full message: it starts with the id, names the kinds, tiers and backends
 *     involved and says how to fix it (the configuration key and value to set). Never a secret.
 */
public record RoutingProblem(String id, String message) {

    public RoutingProblem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        if (!message.startsWith(id + " ")) {
            throw new IllegalArgumentException("a problem's message must start with its id: " + id);
        }
    }

    /** A problem whose message is {@code id + " " + text}. */
    public static RoutingProblem of(String id, String text) {
        return new RoutingProblem(id, id + " " + text);
    }

    /** A problem another part found and worded: its id is the message's first word. */
    public static RoutingProblem reported(String message) {
        int space = message.indexOf(' ');
        return new RoutingProblem(space > 0 ? message.substring(0, space) : message, message);
    }

    @Override
    public String toString() {
        return message;
    }
}
