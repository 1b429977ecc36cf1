package org.oidcstore.examples.workload;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.Client;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Grant;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.Session;

/**
 * One end-user journey through an OpenID provider, as the provider would drive its stores:
 * pushed authorization request, login interaction with compare-and-swap, session, grant and code
 * issued in one transaction, client-assertion replay protection, code redemption with the first
 * refresh token, two refresh rotations. A flow picked for replay also replays the code, an old
 * refresh token, the client assertion and the pushed request, and checks that each is detected
 * and handled the way RFC 9700 asks.
 */
final class ProviderFlow {
    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);
    static final Duration REFRESH_TTL = Duration.ofDays(14);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcStore store;
    private final InteractionCompareAndSwap interactions;
    private final Clock clock;
    private final Tally tally;

    ProviderFlow(OidcStore store, Clock clock, Tally tally) {
        this.store = store;
        this.interactions = store.interactionCompareAndSwap().orElseThrow(
                () -> new IllegalStateException("the interactions backend offers no compare-and-swap"));
        this.clock = clock;
        this.tally = tally;
    }

    static String random(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private Instant now() {
        return clock.instant();
    }

    private void call() {
        tally.storeCalls.increment();
    }

    void run(int n, boolean replay) {
        String clientId = Workload.CLIENT_IDS.get(n % Workload.CLIENT_IDS.size());
        String subject = "user-" + (n % Workload.USERS);
        Client client = store.clients().find(clientId).orElseThrow(
                () -> new IllegalStateException("client " + clientId + " is not registered"));
        call();
        String redirectUri = client.redirectUris().iterator().next();

        // 1. The client pushes its authorization request (RFC 9126); the browser arrives with the URI.
        String requestUri = random("urn:ietf:params:oauth:request_uri:");
        store.pushedAuthorizationRequests().save(new PushedAuthorizationRequest(requestUri, clientId,
                Map.of("response_type", List.of("code"), "scope", List.of("openid profile offline_access"),
                        "redirect_uri", List.of(redirectUri), "code_challenge_method", List.of("S256")),
                now(), now().plusSeconds(90)));
        PushedAuthorizationRequest par = store.pushedAuthorizationRequests().find(requestUri).orElseThrow();
        call();
        call();

        // 2. Login interaction: two steps, each a compare-and-swap; a double-submitted form loses.
        String interactionId = random("ia-");
        byte[] login = ("step=login;par=" + interactionId).getBytes(StandardCharsets.UTF_8);
        byte[] consent = ("step=consent;sub=" + subject).getBytes(StandardCharsets.UTF_8);
        store.interactions().save(new Interaction(interactionId, login, now(), now().plus(Duration.ofMinutes(10))));
        interactions.compareAndSwap(login, new Interaction(interactionId, consent, now(),
                now().plus(Duration.ofMinutes(10))));
        call();
        call();
        if (replay) {
            try {
                interactions.compareAndSwap(login, new Interaction(interactionId, consent, now(), now().plusSeconds(60)));
                throw new IllegalStateException("a double-submitted login form was accepted");
            } catch (ConflictException expected) {
                tally.interactionConflicts.increment();
            }
            call();
        }
        store.pushedAuthorizationRequests().consume(requestUri).orElseThrow();
        interactions.deleteIfUnchanged(interactionId, consent);
        call();
        call();
        if (replay) {
            try {
                store.pushedAuthorizationRequests().consume(requestUri);
                throw new IllegalStateException("a pushed request was used twice");
            } catch (AlreadyConsumedException expected) {
                tally.parReplaysBlocked.increment();
            }
            call();
        }

        // 3. The login session (account chooser groups the sessions of one browser).
        Session session = Session.builder().sessionId(random("sid-")).subject(subject)
                .chooserGroup("browser-" + (n % 97)).authTime(now()).acr("urn:acr:pwd").amr(List.of("pwd"))
                .clientIds(List.of(clientId)).createdAt(now()).expiresAt(now().plus(Duration.ofHours(8))).build();
        store.sessions().save(session);
        store.sessions().touch(session.sessionId(), now().plus(Duration.ofHours(9)));
        call();
        call();

        // 4. Consent: grant and authorization code commit together.
        String code = random("code-");
        AuthorizationCode issued = store.inTransaction(() -> {
            Grant grant = store.grants().findActive(subject, clientId).orElseGet(() -> store.grants().save(
                    Grant.builder().grantId(random("grant-")).subject(subject).clientId(clientId)
                            .scopes(Set.of("openid", "profile", "offline_access")).createdAt(now())
                            .expiresAt(now().plus(Duration.ofDays(365))).build()));
            AuthorizationCode c = AuthorizationCode.builder().code(code).clientId(clientId).subject(subject)
                    .grantId(grant.grantId()).redirectUri(redirectUri).scopes(grant.scopes())
                    .codeChallenge(random("")).codeChallengeMethod("S256").nonce(par.parameter("nonce"))
                    .sessionId(session.sessionId()).authTime(session.authTime()).acr("urn:acr:pwd")
                    .amr(List.of("pwd")).expiresAt(now().plusSeconds(60)).createdAt(now()).build();
            store.authorizationCodes().save(c);
            return c;
        });
        call();
        call();

        // 5. Token request: the client authenticates with a signed assertion whose jti is single use.
        String assertionJti = "client-assertion:" + clientId + ":" + random("");
        store.consumedJwtIds().mark(assertionJti, now().plusSeconds(120));
        call();
        if (replay) {
            try {
                store.consumedJwtIds().mark(assertionJti, now().plusSeconds(120));
                throw new IllegalStateException("a client assertion was accepted twice");
            } catch (AlreadyConsumedException expected) {
                tally.jtiReplaysBlocked.increment();
            }
            call();
        }

        // 6. Code redemption, first refresh token and access-token row, in one transaction.
        RefreshToken first = store.inTransaction(() -> {
            AuthorizationCode redeemed = store.authorizationCodes().consume(code).orElseThrow();
            RefreshToken rt = RefreshToken.builder().token(random("rt-")).clientId(clientId).subject(subject)
                    .grantId(redeemed.grantId()).scopes(redeemed.scopes()).authTime(redeemed.authTime())
                    .acr(redeemed.acr()).amr(redeemed.amr()).sessionId(redeemed.sessionId()).createdAt(now())
                    .expiresAt(now().plus(REFRESH_TTL)).build();
            store.refreshTokens().save(rt, null);
            store.accessTokens().register(new JwtAccessToken(random("jti-"), clientId, subject, redeemed.grantId(),
                    redeemed.scopes(), now(), now().plus(ACCESS_TOKEN_TTL), false));
            return rt;
        });
        call();
        call();
        call();

        // 7. Two refresh rotations.
        RefreshToken current = first;
        for (int i = 0; i < 2; i++) {
            RefreshToken parent = current;
            current = store.inTransaction(() -> {
                RefreshToken used = store.refreshTokens().consume(parent.token()).orElseThrow();
                RefreshToken next = used.successor(random("rt-"), null, now(), now().plus(REFRESH_TTL));
                store.refreshTokens().save(next, parent.token());
                return next;
            });
            tally.refreshRotations.increment();
            call();
            call();
        }

        if (replay) {
            replayRefreshToken(first, current); // first: the code replay below revokes the whole grant
            replayCode(issued);
        }
    }

    /** A replayed code revokes everything issued under its grant (RFC 9700 §4.4.1). */
    private void replayCode(AuthorizationCode issued) {
        try {
            store.authorizationCodes().consume(issued.code());
            throw new IllegalStateException("an authorization code was redeemed twice");
        } catch (AlreadyConsumedException replayed) {
            tally.codeReplaysDetected.increment();
            String grantId = replayed.record(AuthorizationCode.class).orElseThrow().grantId();
            int revoked = store.inTransaction(() -> {
                int n = store.refreshTokens().revokeByGrant(grantId) + store.accessTokens().revokeByGrant(grantId);
                store.grantRevocations().revokeGrant(grantId, now(), now().plus(REFRESH_TTL));
                store.grants().delete(grantId);
                return n;
            });
            tally.tokensRevokedOnReplay.add(revoked);
        }
        call();
        call();
    }

    /** A replayed (rotated-away) refresh token revokes its whole chain, including the newest token. */
    private void replayRefreshToken(RefreshToken old, RefreshToken newest) {
        try {
            store.refreshTokens().consume(old.token());
            throw new IllegalStateException("a rotated-away refresh token was accepted");
        } catch (AlreadyConsumedException replayed) {
            tally.refreshReplaysDetected.increment();
            store.refreshTokens().revokeChain(old.token());
            if (!store.refreshTokens().find(newest.token()).map(RefreshToken::revoked).orElse(true)) {
                throw new IllegalStateException("the chain of a replayed refresh token was not revoked");
            }
        }
        call();
        call();
        call();
    }
}
