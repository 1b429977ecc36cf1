package com.example.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;

/** The README's usage snippet, compiled by CI against the BOM (.ci/bom-consumer.sh). */
@ApplicationScoped
public class RefreshGrant {

    @Inject RefreshTokenStore refreshTokens;   // routed to the tier the configuration names
    @Inject ConsumedJwtIdStore jwtIds;

    /** Rotates a refresh token; a replay revokes the grant (RFC 9700) and the revocation commits. */
    @Transactional(dontRollbackOn = InvalidGrantException.class)
    public String rotate(String presented, String assertionJti, Instant assertionExp, String next) {
        jwtIds.mark(assertionJti, assertionExp.plus(Duration.ofSeconds(60))); // AlreadyConsumedException on replay
        try {
            RefreshToken old = refreshTokens.consume(presented).orElseThrow(InvalidGrantException::new);
            Instant now = Instant.now();
            refreshTokens.save(old.successor(next, null, now, now.plus(Duration.ofDays(30))), presented);
            return next;
        } catch (AlreadyConsumedException replay) {
            replay.record(RefreshToken.class).ifPresent(t -> refreshTokens.revokeByGrant(t.grantId()));
            throw new InvalidGrantException();
        }
    }

    /** The token endpoint answers {@code invalid_grant}. */
    public static class InvalidGrantException extends RuntimeException {
    }
}
