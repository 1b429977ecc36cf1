package org.oidcstore.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;

/** The flow on our API: {@code inTransaction} (one JTA transaction) around the substore calls. */
final class OursFlow implements Flow {
    private final String name;
    private final OidcStore store;
    private final GrantStore grants;
    private final AuthorizationCodeStore codes;
    private final RefreshTokenStore refresh;

    OursFlow(String name, OidcStore store) {
        this.name = name;
        this.store = store;
        this.grants = store.grants();
        this.codes = store.authorizationCodes();
        this.refresh = store.refreshTokens();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(Load.Ctx c) {
        Instant now = Instant.now();
        String subject = "user-" + c.thread + "-" + c.seq;
        String grantId = "g-" + Tokens.random();
        String code = Tokens.random();
        String rt1 = Tokens.random();
        String rt2 = Tokens.random();
        String sid = "sid-" + c.thread;
        long t = System.nanoTime();
        store.inTransaction(() -> {
            grants.save(Grant.builder().grantId(grantId).subject(subject).clientId(CLIENT).scopes(SCOPES)
                    .resources(List.of()).createdAt(now).updatedAt(now).build());
            codes.save(AuthorizationCode.builder().code(code).clientId(CLIENT).subject(subject).grantId(grantId)
                    .redirectUri(REDIRECT).scopes(SCOPES).resources(List.of()).codeChallenge(CHALLENGE)
                    .codeChallengeMethod("S256").nonce(NONCE).sessionId(sid).authTime(now).acr(ACR).amr(AMR)
                    .expiresAt(now.plusSeconds(60)).createdAt(now).build());
            return null;
        });
        t = c.step(0, t);
        store.inTransaction(() -> {
            AuthorizationCode ac = codes.consume(code).orElseThrow(() -> new IllegalStateException("code not redeemable"));
            refresh.save(RefreshToken.builder().token(rt1).clientId(ac.clientId()).subject(ac.subject())
                    .grantId(ac.grantId()).scopes(ac.scopes()).resources(ac.resources()).authTime(ac.authTime())
                    .acr(ac.acr()).amr(ac.amr()).nonce(ac.nonce()).sessionId(ac.sessionId())
                    .expiresAt(now.plus(Duration.ofDays(30))).createdAt(now).build(), null);
            return null;
        });
        t = c.step(1, t);
        store.inTransaction(() -> {
            RefreshToken parent = refresh.consume(rt1).orElseThrow(() -> new IllegalStateException("refresh token not redeemable"));
            refresh.save(parent.successor(rt2, null, now, now.plus(Duration.ofDays(30))), rt1);
            return null;
        });
        c.step(2, t);
    }
}
