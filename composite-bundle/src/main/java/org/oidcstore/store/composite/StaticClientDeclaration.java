package org.oidcstore.store.composite;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.Client;
import org.oidcstore.store.spi.ClientSecrets;

/**
 * A statically declared client, before seeding: either complete ({@link #of}) or with a raw secret
 * that is hashed at seeding ({@link #withRawSecret}). {@link #toString()} never shows the secret.
 *
 * @param client the client; when a raw secret is given its {@code secretHash} is {@code null}
 * @param rawSecret the raw secret, or {@code null}
 */
public record StaticClientDeclaration(Client client, String rawSecret) {

    public StaticClientDeclaration {
        Objects.requireNonNull(client, "client");
        if (rawSecret != null) {
            if (rawSecret.isEmpty()) {
                throw new IllegalArgumentException("the raw secret of static client " + client.clientId()
                        + " is empty");
            }
            if (client.secretHash() != null || client.publicClient()) {
                throw new IllegalArgumentException("static client " + client.clientId()
                        + " has a raw secret and a secret hash or is public: give one secret form");
            }
        }
    }

    /** A complete client (its secret, if any, already hashed). */
    public static StaticClientDeclaration of(Client client) {
        return new StaticClientDeclaration(client, null);
    }

    /** A client whose raw secret is hashed at seeding. */
    public static StaticClientDeclaration withRawSecret(Client client, String rawSecret) {
        return new StaticClientDeclaration(client, Objects.requireNonNull(rawSecret, "rawSecret"));
    }

    public String clientId() {
        return client.clientId();
    }

    /**
     * The client to reconcile. A raw secret is hashed with a random salt, so hashing it anew at every
     * start would make the declaration differ from the stored client on the second start. Instead,
     * when the stored client's hash verifies the raw secret, that hash is reused; only a new or
     * changed secret is hashed afresh (and a changed one then conflicts, as any changed field does).
     *
     * @param stored looks the stored client up by id
     */
    public Client resolve(Function<String, Optional<Client>> stored) {
        if (rawSecret == null) {
            return client;
        }
        String hash = stored.apply(client.clientId()).map(Client::secretHash)
                .filter(h -> ClientSecrets.verify(rawSecret, h))
                .orElseGet(() -> ClientSecrets.hash(rawSecret));
        return client.toBuilder().secretHash(hash).build();
    }

    @Override
    public String toString() {
        return "StaticClientDeclaration[" + client.clientId() + (rawSecret == null ? "" : ", raw secret <redacted>")
                + "]";
    }
}
