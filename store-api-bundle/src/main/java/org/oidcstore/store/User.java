package org.oidcstore.store;

import java.time.Instant;
import java.util.Map;

/**
 * An end user as the provider sees it.
 *
 * @param subject the stable subject identifier ({@code sub})
 * @param claims claims by name, each value as JSON text (e.g. {@code "\"alice@example.com\""},
 *     {@code "true"}, {@code "{\"country\":\"FR\"}"}), so structured claims keep their type
 * @param updatedAt when the claims last changed ({@code updated_at}), microsecond precision
 */
public record User(String subject, Map<String, String> claims, Instant updatedAt) {

    public User {
        Checks.id(subject, "subject");
        claims = Checks.map(claims, "claims");
        updatedAt = Checks.requiredInstant(updatedAt, "updatedAt");
    }
}
