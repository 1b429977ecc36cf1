package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.tck.Samples;

/** What a provider's token endpoint does: cluster writes in one {@code @Transactional} method. */
@ApplicationScoped
public class TokenEndpoint {

    /** What one issuance wrote. */
    public record Issued(Grant grant, AuthorizationCode code, RefreshToken token) {
    }

    @Inject
    GrantStore grants;

    @Inject
    AuthorizationCodeStore codes;

    @Inject
    RefreshTokenStore tokens;

    /** Saves a grant, a code and a refresh token; {@code fail} throws after all three writes. */
    @Transactional
    public Issued issue(Samples samples, Issued[] written, boolean fail) {
        Grant g = grants.save(samples.grant("sub-cdi", "client-a"));
        AuthorizationCode c = samples.code(g.grantId());
        codes.save(c);
        RefreshToken t = samples.refreshToken(g.grantId());
        tokens.save(t, null);
        written[0] = new Issued(g, c, t);
        if (fail) {
            throw new IllegalStateException("token endpoint failed after issuing");
        }
        return written[0];
    }
}
