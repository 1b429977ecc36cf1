package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Authorization Server's {@code JdbcOAuth2AuthorizationService} (its own schema, its own
 * JSON mapping of attributes) doing the equivalent operations, each step in one Spring-managed
 * local transaction on a pool like the raw JDBC one:
 * <ul>
 *   <li>issue: {@code save} of an authorization carrying the code and the authorization request
 *       (SAS keeps grant and tokens in one row);</li>
 *   <li>redeem: {@code findByToken(code, CODE)}, then {@code save} of the authorization with the
 *       code invalidated and a refresh token added;</li>
 *   <li>rotate: {@code findByToken(refresh, REFRESH_TOKEN)}, then {@code save} with the new refresh token.</li>
 * </ul>
 * Registered clients come from an in-memory repository (no query), which only helps the peer. SAS
 * also stores the access token and the authenticated principal in the row in a real deployment;
 * neither is part of our flow, so neither is stored here.
 */
final class SpringFlow implements Flow {
    private final AgroalDataSource pool;
    private final JdbcOAuth2AuthorizationService service;
    private final TransactionTemplate tx;
    private final RegisteredClient client;

    SpringFlow(AgroalDataSource pool) {
        this.pool = pool;
        this.client = RegisteredClient.withId("bench-client-id").clientId(CLIENT).clientSecret("{noop}bench")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).redirectUri(REDIRECT)
                .scopes(s -> s.addAll(SCOPES)).build();
        this.service = new JdbcOAuth2AuthorizationService(new JdbcTemplate(pool),
                new InMemoryRegisteredClientRepository(client));
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    @Override
    public String name() {
        return "Spring Authorization Server";
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public void run(Load.Ctx c) {
        Instant now = Instant.now();
        String subject = "user-" + c.thread + "-" + c.seq;
        String code = Tokens.random();
        String rt1 = Tokens.random();
        String rt2 = Tokens.random();
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("https://op.example.com/authorize").clientId(CLIENT).redirectUri(REDIRECT)
                .scopes(SCOPES).state("af0ifjsldkj-Zr7qK3c9")
                .additionalParameters(Map.of("code_challenge", CHALLENGE, "code_challenge_method", "S256",
                        "nonce", NONCE))
                .build();
        OAuth2Authorization issued = OAuth2Authorization.withRegisteredClient(client).id(UUID.randomUUID().toString())
                .principalName(subject).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(SCOPES).attribute(OAuth2AuthorizationRequest.class.getName(), request)
                .token(new OAuth2AuthorizationCode(code, now, now.plusSeconds(60))).build();
        long t = System.nanoTime();
        tx.executeWithoutResult(s -> service.save(issued));
        t = c.step(0, t);
        tx.executeWithoutResult(s -> {
            OAuth2Authorization a = service.findByToken(code, new OAuth2TokenType(OAuth2ParameterNames.CODE));
            if (a == null || a.getToken(OAuth2AuthorizationCode.class).isInvalidated()) {
                throw new IllegalStateException("code not redeemable");
            }
            service.save(OAuth2Authorization.from(a)
                    .token(a.getToken(OAuth2AuthorizationCode.class).getToken(),
                            m -> m.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
                    .refreshToken(new OAuth2RefreshToken(rt1, now, now.plus(Duration.ofDays(30)))).build());
        });
        t = c.step(1, t);
        tx.executeWithoutResult(s -> {
            OAuth2Authorization a = service.findByToken(rt1, OAuth2TokenType.REFRESH_TOKEN);
            if (a == null || a.getRefreshToken().isInvalidated()) {
                throw new IllegalStateException("refresh token not redeemable");
            }
            service.save(OAuth2Authorization.from(a)
                    .refreshToken(new OAuth2RefreshToken(rt2, now, now.plus(Duration.ofDays(30)))).build());
        });
        c.step(2, t);
    }
}
