package org.oidcstore.store.redis.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;

/** Records of a typical size: a login session with two clients, a pushed request of a code flow with PKCE. */
final class SampleRecords {
    private SampleRecords() {
    }

    static Session session() {
        Instant t = RecordCodecJmh.now();
        return Session.builder().sessionId("9pQ2v7XkLm3sT8wYb1nR4e").subject("248289761001-7c1f2a9e-5d3b")
                .chooserGroup("browser-6f1d2c9a8b7e").authTime(t.minusSeconds(30))
                .acr("urn:mace:incommon:iap:silver").amr(List.of("pwd", "otp"))
                .clientIds(List.of("s6BhdRkqt3", "webapp-portal", "mobile-app-ios")).createdAt(t.minusSeconds(30))
                .updatedAt(t).expiresAt(t.plusSeconds(8 * 3600)).build();
    }

    static PushedAuthorizationRequest par() {
        Instant t = RecordCodecJmh.now();
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("response_type", List.of("code"));
        p.put("client_id", List.of("s6BhdRkqt3"));
        p.put("redirect_uri", List.of("https://client.example.org/cb"));
        p.put("scope", List.of("openid profile email offline_access"));
        p.put("state", List.of("af0ifjsldkj-Qx8vL2mN"));
        p.put("nonce", List.of("n-0S6_WzA2Mj-7Hd3kLq"));
        p.put("code_challenge", List.of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        p.put("code_challenge_method", List.of("S256"));
        p.put("prompt", List.of("login"));
        return new PushedAuthorizationRequest("urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c",
                "s6BhdRkqt3", p, t, t.plusSeconds(90));
    }
}
