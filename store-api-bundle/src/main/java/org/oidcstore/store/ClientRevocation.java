package org.oidcstore.store;

/**
 * What {@link OidcStore#revokeClient} revoked or deleted, per kind of the transactional cluster.
 *
 * @param refreshTokens refresh tokens flagged revoked
 * @param grants grants deleted
 * @param accessTokens access-token (JWT shadow) rows flagged revoked
 * @param opaqueAccessTokens opaque access tokens flagged revoked
 */
public record ClientRevocation(int refreshTokens, int grants, int accessTokens, int opaqueAccessTokens) {

    public ClientRevocation {
        if (refreshTokens < 0 || grants < 0 || accessTokens < 0 || opaqueAccessTokens < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    /** The sum of the four counts. */
    public int total() {
        return refreshTokens + grants + accessTokens + opaqueAccessTokens;
    }
}
