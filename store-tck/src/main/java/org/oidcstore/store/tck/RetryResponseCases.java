package org.oidcstore.store.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.StoreKind;

/**
 * What the rotation-grace contracts share: the extension under test, a response as a provider
 * would hand it over (here readable text carrying a token, so that a store which does not seal it
 * again is caught by the at-rest checks) and the provider's rotation with a retry response.
 *
 * <p>The cases apply to a store that offers {@link RefreshRetryResponses} for
 * {@link StoreKind#REFRESH_TOKENS}; on any other store they are reported as not applicable
 * (aborted), never as passed. That a store which offers it says so, and one which does not says
 * that too, is {@link OidcStoreContract}'s case.
 */
abstract class RetryResponseCases extends StoreContract {

    /** The extension, or the case is aborted: this store does not offer rotation grace. */
    protected RefreshRetryResponses grace() {
        assumeTrue(store.kinds().contains(StoreKind.REFRESH_TOKENS) && store.refreshRetryResponses().isPresent(),
                "the store offers no RefreshRetryResponses");
        return store.refreshRetryResponses().orElseThrow();
    }

    /** A token response as a provider would send it, naming the successor and a fresh access token. */
    protected static byte[] response(RefreshToken successor) {
        return ("{\"access_token\":\"" + Samples.secret("at-in-response") + "\",\"token_type\":\"DPoP\","
                + "\"refresh_token\":\"" + successor.token() + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
    }

    protected RefreshToken successor(RefreshToken parent) {
        return parent.successor(Samples.secret("rt"), null, clock.now(), clock.now().plus(Duration.ofDays(2)));
    }

    /** A stored root, consumed as a refresh request consumes it before saving the successor. */
    protected RefreshToken consumedRoot() {
        RefreshToken root = samples.refreshToken();
        store.refreshTokens().save(root, null);
        return store.refreshTokens().consume(root.token()).orElseThrow();
    }

    /** A rotation as a provider runs it: consume, then save the successor with its response, in one transaction. */
    protected RefreshToken rotate(RefreshToken parent, byte[] responseOfSuccessor, RefreshToken successor,
            Instant retainUntil) {
        RefreshRetryResponses grace = grace();
        return inTransactionIfAny(() -> {
            grace.consume(parent.token()).orElseThrow();
            grace.saveWithRetryResponse(successor, parent.token(), responseOfSuccessor, retainUntil);
            return successor;
        });
    }

    /** How long a provider typically keeps a response: a minute. */
    protected Instant aMinute() {
        return clock.now().plus(Duration.ofMinutes(1));
    }
}
