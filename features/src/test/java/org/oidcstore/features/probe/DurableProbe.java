package org.oidcstore.features.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.Grant;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;

/**
 * The provider flow through the OSGi service when it has a durable tier, as an OpenID provider
 * bundle would drive it: a pushed request consumed at the authorization endpoint, grant and code
 * issued in one transaction, the code redeemed with the first refresh token and an access-token
 * row in one transaction, the refresh token rotated, a replayed refresh token and a replayed code
 * caught; then a cluster write (grant + code) that throws inside {@code inTransaction} and must
 * leave nothing. Every outcome is one {@code key=value} of the result line; the test reads it and
 * checks the rows in the database itself.
 */
final class DurableProbe {
    private DurableProbe() {
    }

    static String flow(OidcStore store) {
        StringBuilder r = new StringBuilder();
        String client = "probe-client";
        String subject = "probe-user-" + UUID.randomUUID();
        Instant now = Instant.now();
        String requestUri = "urn:ietf:params:oauth:request_uri:" + UUID.randomUUID();
        store.pushedAuthorizationRequests().save(new PushedAuthorizationRequest(requestUri, client,
                Map.of("response_type", List.of("code"), "scope", List.of("openid offline_access")), now,
                now.plusSeconds(90)));
        r.append(" flow-par-consumed=").append(store.pushedAuthorizationRequests().consume(requestUri).isPresent());

        String grantId = "probe-grant-" + UUID.randomUUID();
        String code = "probe-code-" + UUID.randomUUID();
        store.inTransaction(() -> {
            store.grants().save(grant(grantId, subject, client, now));
            store.authorizationCodes().save(code(code, grantId, subject, client, now));
            return null;
        });
        r.append(" code-issued=").append(store.authorizationCodes().find(code).isPresent());
        r.append(" grant=").append(grantId);

        String firstToken = "probe-rt-" + UUID.randomUUID();
        RefreshToken first = store.inTransaction(() -> {
            AuthorizationCode redeemed = store.authorizationCodes().consume(code).orElseThrow();
            RefreshToken rt = RefreshToken.builder().token(firstToken).clientId(client).subject(subject)
                    .grantId(redeemed.grantId()).scopes(redeemed.scopes()).createdAt(now)
                    .expiresAt(now.plus(Duration.ofDays(1))).build();
            store.refreshTokens().save(rt, null);
            store.accessTokens().register(new JwtAccessToken("probe-jti-" + UUID.randomUUID(), client, subject,
                    redeemed.grantId(), redeemed.scopes(), now, now.plusSeconds(300), false));
            return rt;
        });
        r.append(" code-redeemed=true");

        RefreshToken rotated = store.inTransaction(() -> {
            RefreshToken used = store.refreshTokens().consume(first.token()).orElseThrow();
            RefreshToken next = used.successor("probe-rt-" + UUID.randomUUID(), null, now,
                    now.plus(Duration.ofDays(1)));
            store.refreshTokens().save(next, first.token());
            return next;
        });
        r.append(" refresh-rotated=").append(store.refreshTokens().find(rotated.token())
                .map(t -> !t.revoked()).orElse(false));

        try {
            store.refreshTokens().consume(first.token());
            r.append(" refresh-replay=missed");
        } catch (AlreadyConsumedException e) {
            r.append(" refresh-replay=caught");
        }
        try {
            store.authorizationCodes().consume(code);
            r.append(" code-replay=missed");
        } catch (AlreadyConsumedException e) {
            r.append(" code-replay=caught:").append(e.record(AuthorizationCode.class)
                    .map(AuthorizationCode::grantId).orElse("none"));
        }

        String lostGrant = "probe-rolled-back-" + UUID.randomUUID();
        String lostCode = "probe-lost-code-" + UUID.randomUUID();
        try {
            store.inTransaction(() -> {
                store.grants().save(grant(lostGrant, subject, client, now));
                store.authorizationCodes().save(code(lostCode, lostGrant, subject, client, now));
                throw new IllegalStateException("probe: the issuance fails after its writes");
            });
            r.append(" rollback=missed");
        } catch (IllegalStateException expected) {
            r.append(" rollback=thrown");
        }
        r.append(" rolled-back-grant=").append(lostGrant);
        r.append(" rollback-left-nothing=").append(store.grants().find(lostGrant).isEmpty()
                && store.authorizationCodes().find(lostCode).isEmpty());
        return r.toString();
    }

    private static Grant grant(String grantId, String subject, String client, Instant now) {
        return Grant.builder().grantId(grantId).subject(subject).clientId(client)
                .scopes(Set.of("openid", "offline_access")).createdAt(now).expiresAt(now.plus(Duration.ofDays(1)))
                .build();
    }

    private static AuthorizationCode code(String code, String grantId, String subject, String client, Instant now) {
        return AuthorizationCode.builder().code(code).clientId(client).subject(subject).grantId(grantId)
                .redirectUri("https://rp.example/cb").scopes(Set.of("openid", "offline_access"))
                .codeChallenge("probe-challenge-0123456789012345678901234567890123")
                .codeChallengeMethod("S256").createdAt(now).expiresAt(now.plusSeconds(60)).build();
    }
}
