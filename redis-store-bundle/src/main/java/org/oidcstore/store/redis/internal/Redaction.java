package org.oidcstore.store.redis.internal;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** Endpoints as they may be shown in messages and logs: never user-info, query or fragment. */
public final class Redaction {
    private Redaction() {
    }

    /** {@code scheme://host:port/path}, never user-info, query or fragment. */
    public static String redact(URI u) {
        if (u == null) {
            return "null";
        }
        if (u.getHost() == null) {
            return (u.getScheme() == null ? "" : u.getScheme() + ":") + "<opaque>";
        }
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    /** Each endpoint {@linkplain #redact(URI) redacted}, as {@code [a, b]}. */
    public static String redact(List<URI> nodes) {
        return nodes.stream().map(Redaction::redact).collect(Collectors.joining(", ", "[", "]"));
    }
}
