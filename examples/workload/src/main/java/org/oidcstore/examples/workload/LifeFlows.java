package org.oidcstore.examples.workload;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRevocation;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.Session;
import org.oidcstore.store.SubjectErasure;

/**
 * The life of a client and of a subject: dynamic registration under an initial access token with
 * two uses (a third registration is refused), rotation of the registration access token (a stale
 * rotation loses), rotation grace for a refresh token whose response got lost (served again, then
 * a replay once the successor was used), sign-out from every session of a subject, deletion of a
 * client with its cascade ({@code revokeClient}) and erasure of a subject ({@code eraseSubject}).
 * The subject and client records it needs are written first (see {@link LifeRecords}); what the
 * store answers is counted and printed, and {@code .ci/examples-smoke.sh} compares it with what
 * was written.
 */
final class LifeFlows {
    /** Uses of the initial access token. */
    static final int IAT_USES = 2;
    /** Sessions of the subject who signs out everywhere. */
    static final int SIGN_OUT_SESSIONS = 3;

    /** What the flows counted; {@code graceHits} is -1 when the backend offers no rotation grace. */
    record Result(int registrations, int registrationRefusals, int ratRotations, int staleRotations, int graceHits,
            int replaysAfterSuccessor, int chainRevoked, int sessionsListed, int sessionsSignedOut,
            boolean otherSessionKept, ClientRevocation clientRevocation, SubjectErasure erasure) {

        boolean succeeded() {
            return registrations == IAT_USES && registrationRefusals == 1 && ratRotations == 1 && staleRotations == 1
                    && (graceHits == -1 || graceHits == 1 && replaysAfterSuccessor == 1 && chainRevoked == 3)
                    && sessionsListed == SIGN_OUT_SESSIONS && sessionsSignedOut == SIGN_OUT_SESSIONS
                    && otherSessionKept && clientRevocation.equals(LifeRecords.CLIENT_REVOCATION)
                    && erasure.counts().equals(LifeRecords.ERASED);
        }
    }

    private final OidcStore store;
    private final Clock clock;
    private final LifeRecords records;

    LifeFlows(OidcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.records = new LifeRecords(store, clock);
    }

    Result run() {
        Instant now = clock.instant();
        // Registration: the operator hands out one initial access token good for two registrations.
        String iat = ProviderFlow.random("iat-");
        store.initialAccessTokens().save(InitialAccessToken.issue(iat, now, now.plus(Duration.ofHours(1)), IAT_USES,
                Map.of("software_id", "tv-app")));
        String clientA = ProviderFlow.random("dyn-a-").substring(0, 24);
        String clientB = ProviderFlow.random("dyn-b-").substring(0, 24);
        int registrations = 0;
        int refusals = 0;
        for (String clientId : List.of(clientA, clientB, "dyn-c-refused")) {
            try {
                store.inTransaction(() -> {
                    store.initialAccessTokens().use(iat).orElseThrow();
                    store.clientRegistry().orElseThrow().register(dynamicClient(clientId));
                    return null;
                });
                registrations++;
            } catch (ConflictException exhausted) {
                refusals++;
            }
        }
        // The client configuration endpoint: client A rotates its registration access token; a
        // second request that still presents the old token loses.
        String rat1 = ProviderFlow.random("rat-");
        String rat2 = ProviderFlow.random("rat-");
        store.registrationAccessTokens().save(new RegistrationAccessToken(clientA, rat1, now, null));
        store.registrationAccessTokens().rotate(rat1, new RegistrationAccessToken(clientA, rat2, now, null));
        int stale = 0;
        try {
            store.registrationAccessTokens().rotate(rat1,
                    new RegistrationAccessToken(clientA, ProviderFlow.random("rat-"), now, null));
        } catch (ConflictException lost) {
            stale++;
        }
        int rotations = store.registrationAccessTokens().matches(clientA, rat2)
                && !store.registrationAccessTokens().matches(clientA, rat1) ? 1 : 0;

        Optional<RefreshRetryResponses> grace = store.refreshRetryResponses();
        int[] graceResult = grace.map(g -> rotationGrace(g, clientA)).orElse(new int[] {-1, 0, 0});

        // Sign out everywhere: list the sessions (for back-channel logout), then delete them all.
        String signOut = "life-signout-" + ProviderFlow.random("").substring(0, 8);
        Session other = records.sessions(signOut, SIGN_OUT_SESSIONS, "life-other");
        int listed = store.sessions().listBySubject(signOut, null, 100).items().size();
        int signedOut = store.sessions().deleteBySubject(signOut);
        boolean otherKept = store.sessions().find(other.sessionId()).isPresent();

        // Client B is deleted: its tokens and grants go in one transaction, then its registration.
        records.clientTokens(clientB);
        ClientRevocation revocation = store.revokeClient(clientB);
        store.registrationAccessTokens().delete(clientB);
        store.clientRegistry().orElseThrow().delete(clientB);

        // A subject asks to be forgotten.
        String forgotten = "life-erase-" + ProviderFlow.random("").substring(0, 8);
        records.subject(forgotten);
        SubjectErasure erasure = store.eraseSubject(forgotten);
        return new Result(registrations, refusals, rotations, stale, graceResult[0], graceResult[1], graceResult[2],
                listed, signedOut, otherKept, revocation, erasure);
    }

    /**
     * A mobile client rotates its refresh token and loses the response: it presents the old token
     * again and gets the same response (a grace hit). Once it used the successor, presenting the
     * old token again is a replay, and the provider revokes the chain.
     *
     * @return grace hits, replays after the successor, tokens revoked with the chain
     */
    private int[] rotationGrace(RefreshRetryResponses grace, String clientId) {
        Instant now = clock.instant();
        String subject = "life-mobile-" + ProviderFlow.random("").substring(0, 8);
        RefreshToken root = records.refreshToken(clientId, subject);
        RefreshToken successor = records.successorOf(root);
        byte[] sealed = ("sealed token response for " + successor.clientId()).getBytes(StandardCharsets.UTF_8);
        store.inTransaction(() -> {
            store.refreshTokens().consume(root.token()).orElseThrow();
            grace.saveWithRetryResponse(successor, root.token(), sealed, now.plusSeconds(60));
            return null;
        });
        int hits = 0;
        if (presentAgain(root).filter(r -> Arrays.equals(r, sealed)).isPresent()) {
            hits++;
        }
        // The client got the response this time and uses its successor.
        store.inTransaction(() -> {
            store.refreshTokens().consume(successor.token()).orElseThrow();
            store.refreshTokens().save(records.successorOf(successor), successor.token());
            return null;
        });
        int replays = 0;
        int revoked = 0;
        if (presentAgain(root).isEmpty()) {
            replays++;
            revoked = store.refreshTokens().revokeChain(root.token());
        }
        return new int[] {hits, replays, revoked};
    }

    /** The token endpoint receives {@code token} again: the stored response, or empty for a replay. */
    private Optional<byte[]> presentAgain(RefreshToken token) {
        try {
            store.refreshTokens().consume(token.token());
            throw new IllegalStateException("a rotated refresh token was redeemed twice");
        } catch (AlreadyConsumedException again) {
            return store.refreshRetryResponses().orElseThrow().findRetryResponse(token.token());
        }
    }

    private static Client dynamicClient(String clientId) {
        return Client.builder(clientId).redirectUris(List.of("com.example.tv:/callback"))
                .grantTypes(List.of("authorization_code", "refresh_token")).responseTypes(List.of("code"))
                .scopes(Set.of("openid", "offline_access")).tokenEndpointAuthMethod("none").publicClient(true)
                .source(ClientSource.DYNAMIC).clientName("TV app " + clientId.substring(0, 8)).build();
    }

    /** The approval of a subject on another device, now. */
    static Approval approval(String subject, Clock clock) {
        return Approval.of(subject, clock.instant());
    }
}
