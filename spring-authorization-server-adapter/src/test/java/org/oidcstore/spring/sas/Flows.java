package org.oidcstore.spring.sas;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The HTTP exchanges of the tests, through SAS's real endpoints. */
final class Flows {
    static final String REDIRECT = "https://rp.example/cb";
    static final String SECRET = "web-secret-0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ENCODED_SECRET = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(SECRET);

    private final MockMvc mvc;

    Flows(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** A confidential client: code with PKCE, refresh rotation, client credentials. */
    static RegisteredClient client(String clientId, boolean consent) {
        return RegisteredClient.withId(clientId).clientId(clientId).clientSecret(ENCODED_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).redirectUri(REDIRECT)
                .scope("openid").scope("profile").scope("api")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(consent)
                        .build())
                .tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build()).build();
    }

    /** A PKCE pair: [verifier, S256 challenge]. */
    static String[] pkce() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new String[] {verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(d)};
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A user as a form login authenticates one: its password factor carries the authentication
     * time the ID token's {@code auth_time} comes from.
     */
    static org.springframework.test.web.servlet.request.RequestPostProcessor loggedIn(String user) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .authentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                        .authenticated(user, null, java.util.List.of(
                                org.springframework.security.core.authority.FactorGrantedAuthority
                                        .fromAuthority(org.springframework.security.core.authority
                                                .FactorGrantedAuthority.PASSWORD_AUTHORITY))));
    }

    /** GET /oauth2/authorize as {@code user}; returns the response (a redirect, or the consent page). */
    MockHttpServletResponse authorize(String clientId, String user, String challenge, String scope) throws Exception {
        // SAS reads the authorization request from the query string only
        String uri = org.springframework.web.util.UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", clientId)
                .queryParam("redirect_uri", REDIRECT).queryParam("scope", scope).queryParam("state", "st-123")
                .queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256").encode()
                .build().toUriString();
        return mvc.perform(get(java.net.URI.create(uri)).with(loggedIn(user)))
                .andReturn().getResponse();
    }

    /** Authorizes without consent and returns the code of the redirect. */
    String code(String clientId, String user, String challenge) throws Exception {
        MockHttpServletResponse r = authorize(clientId, user, challenge, "openid profile");
        return queryParam(r, "code");
    }

    static String queryParam(MockHttpServletResponse r, String name) {
        String location = r.getHeader(HttpHeaders.LOCATION);
        if (r.getStatus() != 302 || location == null) {
            throw new AssertionError("expected a redirect, got " + r.getStatus() + " " + location + " "
                    + r.getErrorMessage());
        }
        Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(location);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + location);
        }
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    MockHttpServletResponse redeem(String clientId, String code, String verifier) throws Exception {
        return token(clientId).param("grant_type", "authorization_code").param("code", code)
                .param("redirect_uri", REDIRECT).param("code_verifier", verifier).transform(this::send);
    }

    MockHttpServletResponse refresh(String clientId, String refreshToken) throws Exception {
        return token(clientId).param("grant_type", "refresh_token").param("refresh_token", refreshToken)
                .transform(this::send);
    }

    MockHttpServletResponse clientCredentials(String clientId, String scope) throws Exception {
        return token(clientId).param("grant_type", "client_credentials").param("scope", scope).transform(this::send);
    }

    MockHttpServletResponse revoke(String clientId, String token) throws Exception {
        return send(post("/oauth2/revoke").header(HttpHeaders.AUTHORIZATION, basic(clientId))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("token", token));
    }

    MockHttpServletResponse introspect(String clientId, String token) throws Exception {
        return send(post("/oauth2/introspect").header(HttpHeaders.AUTHORIZATION, basic(clientId))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("token", token));
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) {
        try {
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    MockMvc mvc() {
        return mvc;
    }

    private static Form token(String clientId) {
        return new Form(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic(clientId))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
    }

    static String basic(String clientId) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** A string member of a JSON response body (the tests' bodies are flat). */
    static String json(MockHttpServletResponse r, String name) throws Exception {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|true|false|\\d+)")
                .matcher(r.getContentAsString());
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** A form request being built. */
    record Form(MockHttpServletRequestBuilder request) {
        Form param(String name, String value) {
            request.param(name, value);
            return this;
        }

        MockHttpServletResponse transform(java.util.function.Function<MockHttpServletRequestBuilder,
                MockHttpServletResponse> send) {
            return send.apply(request);
        }
    }
}
