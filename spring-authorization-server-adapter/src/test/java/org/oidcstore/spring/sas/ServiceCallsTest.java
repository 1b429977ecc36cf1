package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The service called directly, in the sequence SAS's code-grant providers call it, for what the
 * adapter does to save round trips: the second {@code findByToken(code)} of a redemption answered
 * by the first, saves that do not look up what they know, and a caller-built aggregate saved twice.
 */
class ServiceCallsTest {
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

    private OidcStore store;
    private OidcStoreAuthorizationService service;
    private RegisteredClient client;

    @BeforeEach
    void setUp() {
        store = Stores.composite();
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        client = Flows.client("calls-" + UUID.randomUUID(), false);
        clients.save(client);
        service = new OidcStoreAuthorizationService(store, clients);
    }

    @Test
    void aSecondLookupAnsweredFromTheFirstStillCannotRedeemACodeUsedMeanwhile() throws Exception {
        String code = "code-" + UUID.randomUUID();
        service.save(issued(code));
        OAuth2Authorization first = service.findByToken(code, CODE); // this thread: PKCE check
        String winnerRefresh = "rt-" + UUID.randomUUID();
        CompletableFuture.runAsync(() -> {
            OAuth2Authorization found = service.findByToken(code, CODE);
            service.findByToken(code, CODE);
            service.save(redeemed(found, winnerRefresh));
        }).get();
        assertThat(store.refreshTokens().find(winnerRefresh)).isPresent();

        OAuth2Authorization second = service.findByToken(code, CODE);
        assertThat(second).as("answered from this thread's first lookup").isSameAs(first);
        assertThat(second.getToken(OAuth2AuthorizationCode.class).isActive()).isTrue();
        String loserRefresh = "rt-" + UUID.randomUUID();
        assertThatThrownBy(() -> service.save(redeemed(second, loserRefresh)))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_GRANT));
        assertThat(store.refreshTokens().find(loserRefresh)).as("the loser's refresh token").isEmpty();
        assertThat(store.refreshTokens().find(winnerRefresh).orElseThrow().revoked())
                .as("the grant is revoked: the winner's refresh token").isTrue();
    }

    @Test
    void afterASaveTheCodeIsLookedUpInTheStoreAgainAndAReplayRevokesTheGrant() {
        String code = "code-" + UUID.randomUUID();
        service.save(issued(code));
        service.findByToken(code, CODE);
        OAuth2Authorization found = service.findByToken(code, CODE);
        String refresh = "rt-" + UUID.randomUUID();
        service.save(redeemed(found, refresh));
        assertThat(store.refreshTokens().find(refresh).orElseThrow().revoked()).isFalse();

        OAuth2Authorization replay = service.findByToken(code, CODE);
        assertThat(replay.getToken(OAuth2AuthorizationCode.class).isInvalidated()).as("the code, consumed").isTrue();
        assertThat(store.refreshTokens().find(refresh).orElseThrow().revoked()).as("revoked by the replay").isTrue();
    }

    @Test
    void aRotationAfterARedemptionKeepsTheContextsEntriesAndTheAggregateCallerBuiltSavesTwice() {
        String code = "code-" + UUID.randomUUID();
        OAuth2Authorization issued = issued(code);
        service.save(issued);
        service.save(issued); // the caller's own aggregate again: nothing new, nothing refused
        assertThat(store.authorizationCodes().find(code)).isPresent();

        String refresh = "rt-" + UUID.randomUUID();
        service.save(redeemed(service.findByToken(code, CODE), refresh));
        OAuth2Authorization byRefresh = service.findByToken(refresh, OAuth2TokenType.REFRESH_TOKEN);
        assertThat(byRefresh.getRefreshToken().isActive()).isTrue();
        assertThat((Object) byRefresh.getAttribute(OAuth2AuthorizationRequest.class.getName()))
                .as("the request, from the context").isInstanceOf(OAuth2AuthorizationRequest.class);
        String next = "rt-" + UUID.randomUUID();
        service.save(OAuth2Authorization.from(byRefresh).refreshToken(new OAuth2RefreshToken(next, Instant.now(),
                Instant.now().plusSeconds(3600))).build());
        assertThat(store.refreshTokens().find(refresh).orElseThrow().isConsumed()).isTrue();
        OAuth2Authorization byId = service.findById(issued.getId());
        assertThat(byId.getAuthorizedScopes()).containsExactlyInAnyOrder("openid", "api");
        assertThat(service.findByToken(next, OAuth2TokenType.REFRESH_TOKEN).getRefreshToken().isActive()).isTrue();
    }

    @Test
    void aCodeGoneBetweenTheLookupAndTheSaveIssuesNothing() {
        String code = "code-" + UUID.randomUUID();
        String subject = "erased-" + UUID.randomUUID();
        service.save(OAuth2Authorization.from(issued(code)).principalName(subject).build());
        OAuth2Authorization found = service.findByToken(code, CODE);
        assertThat(store.authorizationCodes().eraseSubject(subject)).isEqualTo(1);
        String refresh = "rt-" + UUID.randomUUID();
        assertThatThrownBy(() -> service.save(redeemed(found, refresh)))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_GRANT));
        assertThat(store.refreshTokens().find(refresh)).as("nothing issued").isEmpty();
    }

    private OAuth2Authorization issued(String code) {
        Instant now = Instant.now();
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("https://op.example.com/oauth2/authorize").clientId(client.getClientId())
                .redirectUri(Flows.REDIRECT).scopes(Set.of("openid", "api")).state("st").build();
        return OAuth2Authorization.withRegisteredClient(client).principalName("alice")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(Set.of("openid", "api"))
                .attribute(OAuth2AuthorizationRequest.class.getName(), request)
                .token(new OAuth2AuthorizationCode(code, now, now.plusSeconds(300))).build();
    }

    /** What the code grant saves: an access and a refresh token, the code invalidated. */
    private static OAuth2Authorization redeemed(OAuth2Authorization found, String refresh) {
        Instant now = Instant.now();
        return OAuth2Authorization.from(found)
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "at-" + UUID.randomUUID(), now,
                        now.plusSeconds(300), Set.of("openid", "api")))
                .refreshToken(new OAuth2RefreshToken(refresh, now, now.plusSeconds(3600)))
                .invalidate(found.getToken(OAuth2AuthorizationCode.class).getToken()).build();
    }
}
