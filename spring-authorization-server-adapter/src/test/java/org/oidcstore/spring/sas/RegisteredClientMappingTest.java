package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** RegisteredClient ↔ store client, on the composite (JPA on H2). */
class RegisteredClientMappingTest {
    private final OidcStore store = Stores.composite();
    private final OidcStoreRegisteredClientRepository repository = new OidcStoreRegisteredClientRepository(store);

    @Test
    void theKeptSettingsRoundTripAndTheSecretIsStoredAsItsHash() {
        String id = "map-" + UUID.randomUUID();
        RegisteredClient rc = RegisteredClient.from(Flows.client(id, true))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true)
                        .jwkSetUrl("https://rp.example/jwks").build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(7))
                        .refreshTokenTimeToLive(Duration.ofHours(3)).reuseRefreshTokens(false)
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE).build())
                .build();
        repository.save(rc);

        RegisteredClient back = repository.findByClientId(id);
        assertThat(back.getId()).isEqualTo(id);
        assertThat(back.getClientSecret()).isEqualTo(rc.getClientSecret());
        assertThat(store.clients().find(id).orElseThrow().secretHash()).isEqualTo(
                rc.getClientSecret().substring("{bcrypt}".length()));
        assertThat(back.getClientAuthenticationMethods()).isEqualTo(rc.getClientAuthenticationMethods());
        assertThat(back.getAuthorizationGrantTypes()).isEqualTo(rc.getAuthorizationGrantTypes());
        assertThat(back.getRedirectUris()).isEqualTo(rc.getRedirectUris());
        assertThat(back.getScopes()).isEqualTo(rc.getScopes());
        assertThat(back.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(back.getClientSettings().isRequireAuthorizationConsent()).isTrue();
        assertThat(back.getClientSettings().getJwkSetUrl()).isEqualTo("https://rp.example/jwks");
        assertThat(back.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(7));
        assertThat(back.getTokenSettings().getRefreshTokenTimeToLive()).isEqualTo(Duration.ofHours(3));
        assertThat(back.getTokenSettings().isReuseRefreshTokens()).isFalse();
        assertThat(back.getTokenSettings().getAccessTokenFormat()).isEqualTo(OAuth2TokenFormat.REFERENCE);
        assertThat(repository.findById(id).getClientId()).isEqualTo(id);

        // save again updates in place
        repository.save(RegisteredClient.from(back).scope("extra").build());
        assertThat(repository.findByClientId(id).getScopes()).contains("extra");
    }

    @Test
    void aRawSecretOrAnIdOtherThanTheClientIdIsRefusedAndNothingIsWritten() {
        String id = "bad-" + UUID.randomUUID();
        RegisteredClient noop = RegisteredClient.withId(id).clientId(id).clientSecret("{noop}secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();
        assertThatThrownBy(() -> repository.save(noop)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{bcrypt}");
        RegisteredClient otherId = RegisteredClient.from(Flows.client(id, false)).id(UUID.randomUUID().toString())
                .build();
        assertThatThrownBy(() -> repository.save(otherId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must equal its client id");
        assertThat(store.clients().find(id)).isEmpty();
        assertThat(repository.findByClientId("unknown-" + id)).isNull();
    }
}
