package org.oidcstore.bench;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * One contender of the {@code sas-flow} case: an {@link OAuth2AuthorizationService} called in the
 * exact sequence Spring Authorization Server 7.1.2's providers call it (read from their sources),
 * with aggregates of the content they build; the web stack, client authentication and JWT signing
 * are left out (the same for every contender), so what is measured is the authorization service.
 * <ul>
 *   <li><b>issue</b> ({@code OAuth2AuthorizationCodeRequestAuthenticationProvider}, no consent):
 *       {@code save} of an aggregate with the principal (a form login's authenticated token), the
 *       authorization request and the code;</li>
 *   <li><b>redeem</b> ({@code CodeVerifierAuthenticator}, then
 *       {@code OAuth2AuthorizationCodeAuthenticationProvider}): {@code findByToken(code, CODE)}
 *       twice, then {@code save} of {@code from(found)} with a JWT access token (claims in its
 *       metadata), a refresh token, an ID token (claims in its metadata) and the code
 *       invalidated;</li>
 *   <li><b>rotate</b> ({@code OAuth2RefreshTokenAuthenticationProvider}, reuse off):
 *       {@code findByToken(refresh, REFRESH_TOKEN)}, then {@code save} of {@code from(found)} with a
 *       new access token, a new refresh token and a new ID token (its {@code sid} and
 *       {@code auth_time} copied from the previous ID token's claims, as SAS's generator does).</li>
 * </ul>
 * The JWT values are random strings of the lengths SAS's RS256 tokens have (access ~760, ID ~890
 * characters). Each check a provider makes on what it found is made here too; a failed one fails
 * the run.
 */
final class SasProviderFlow implements Flow {
    static final String ISSUER = "https://op.example.com";
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    private static final int ACCESS_TOKEN_CHARS = 760;
    private static final int ID_TOKEN_CHARS = 890;

    private final String name;
    private final OAuth2AuthorizationService service;
    private final RegisteredClient client;
    private final AutoCloseable resource;

    SasProviderFlow(String name, OAuth2AuthorizationService service, RegisteredClient client, AutoCloseable resource) {
        this.name = name;
        this.service = service;
        this.client = client;
        this.resource = resource;
    }

    /** The confidential client of the flow: code + refresh, rotation on (SAS's default reuses them). */
    static RegisteredClient client() {
        return RegisteredClient.withId(CLIENT).clientId(CLIENT).clientSecret("{noop}bench")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).redirectUri(REDIRECT)
                .scopes(s -> s.addAll(SCOPES))
                .tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build()).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void run(Load.Ctx c) {
        Instant now = Instant.now();
        String subject = "user-" + c.thread + "-" + c.seq;
        String code = Tokens.random();
        long t = System.nanoTime();
        service.save(issued(subject, code, now));
        t = c.step(0, t);

        String rt1 = Tokens.random();
        service.findByToken(code, CODE); // CodeVerifierAuthenticator (PKCE)
        OAuth2Authorization a = service.findByToken(code, CODE);
        OAuth2Authorization.Token<OAuth2AuthorizationCode> ac = a == null ? null : a.getToken(OAuth2AuthorizationCode.class);
        OAuth2AuthorizationRequest request = a == null ? null : a.getAttribute(OAuth2AuthorizationRequest.class.getName());
        if (ac == null || !ac.isActive() || request == null || !REDIRECT.equals(request.getRedirectUri())
                || !(a.getAttribute(Principal.class.getName()) instanceof Authentication)) {
            throw new IllegalStateException(name + ": code not redeemable");
        }
        String sid = "sid-" + c.thread;
        OAuth2Authorization.Builder b = OAuth2Authorization.from(a);
        accessToken(b, subject, a.getAuthorizedScopes(), now);
        b.refreshToken(new OAuth2RefreshToken(rt1, now, now.plus(Duration.ofDays(30))));
        idToken(b, subject, sid, now.minusSeconds(5), request.getAdditionalParameters().get("nonce"), now);
        b.invalidate(ac.getToken());
        service.save(b.build());
        t = c.step(1, t);

        String rt2 = Tokens.random();
        OAuth2Authorization r = service.findByToken(rt1, OAuth2TokenType.REFRESH_TOKEN);
        OAuth2Authorization.Token<OAuth2RefreshToken> rt = r == null ? null : r.getRefreshToken();
        OAuth2Authorization.Token<OidcIdToken> previousId = r == null ? null : r.getToken(OidcIdToken.class);
        if (rt == null || !rt.isActive() || !client.getId().equals(r.getRegisteredClientId())
                || !(r.getAttribute(Principal.class.getName()) instanceof Authentication) || previousId == null) {
            throw new IllegalStateException(name + ": refresh token not redeemable");
        }
        Map<String, Object> previous = previousId.getClaims();
        OAuth2Authorization.Builder rb = OAuth2Authorization.from(r);
        accessToken(rb, subject, r.getAuthorizedScopes(), now);
        rb.refreshToken(new OAuth2RefreshToken(rt2, now, now.plus(Duration.ofDays(30))));
        idToken(rb, subject, (String) previous.get("sid"), (Instant) previous.get("auth_time"), null, now);
        service.save(rb.build());
        c.step(2, t);
    }

    /** What the authorize endpoint saves: principal, request, code (no consent asked). */
    private OAuth2Authorization issued(String subject, String code, Instant now) {
        List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_USER"),
                FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                        .issuedAt(now.minusSeconds(5)).build());
        User user = new User(subject, "", authorities);
        user.eraseCredentials();
        UsernamePasswordAuthenticationToken principal = UsernamePasswordAuthenticationToken.authenticated(user, null,
                authorities);
        principal.setDetails(new WebAuthenticationDetails("127.0.0.1", "session-" + subject));
        Map<String, Object> extra = new HashMap<>();
        extra.put("code_challenge", CHALLENGE);
        extra.put("code_challenge_method", "S256");
        extra.put("nonce", NONCE);
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(ISSUER + "/oauth2/authorize").clientId(CLIENT).redirectUri(REDIRECT)
                .scopes(SCOPES).state("af0ifjsldkj-Zr7qK3c9").additionalParameters(extra).build();
        return OAuth2Authorization.withRegisteredClient(client).principalName(subject)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .attribute(Principal.class.getName(), principal)
                .attribute(OAuth2AuthorizationRequest.class.getName(), request).authorizedScopes(SCOPES)
                .token(new OAuth2AuthorizationCode(code, now, now.plusSeconds(300))).build();
    }

    /** As {@code OAuth2AuthenticationProviderUtils.accessToken}: the JWT's claims go into the metadata. */
    private void accessToken(OAuth2Authorization.Builder b, String subject, Set<String> scopes, Instant now) {
        Instant exp = now.plus(Duration.ofMinutes(5));
        Map<String, Object> claims = JwtClaimsSet.builder().issuer(ISSUER).subject(subject)
                .audience(new ArrayList<>(List.of(CLIENT))).issuedAt(now).notBefore(now).expiresAt(exp)
                .id(UUID.randomUUID().toString()).claim("scope", new LinkedHashSet<>(scopes)).build().getClaims();
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                jwt(ACCESS_TOKEN_CHARS), now, exp, scopes);
        b.token(token, md -> {
            md.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
            md.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
            md.put(OAuth2TokenFormat.class.getName(), OAuth2TokenFormat.SELF_CONTAINED.getValue());
        });
    }

    private static void idToken(OAuth2Authorization.Builder b, String subject, String sid, Instant authTime,
            Object nonce, Instant now) {
        JwtClaimsSet.Builder cb = JwtClaimsSet.builder().issuer(ISSUER).subject(subject)
                .audience(new ArrayList<>(List.of(CLIENT))).issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(30)))
                .id(UUID.randomUUID().toString()).claim("azp", CLIENT).claim("auth_time", authTime).claim("sid", sid);
        if (nonce != null) {
            cb.claim("nonce", nonce);
        }
        Map<String, Object> claims = cb.build().getClaims();
        OidcIdToken id = new OidcIdToken(jwt(ID_TOKEN_CHARS), now, now.plus(Duration.ofMinutes(30)), claims);
        b.token(id, md -> md.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, id.getClaims()));
    }

    /** A random compact-JWS-shaped string of {@code length} characters. */
    private static String jwt(int length) {
        char[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] s = new char[length];
        for (int i = 0; i < length; i++) {
            s[i] = alphabet[r.nextInt(alphabet.length)];
        }
        s[0] = 'e';
        s[1] = 'y';
        s[2] = 'J';
        s[70] = '.';
        s[length - 343] = '.';
        return new String(s);
    }
}
