package org.oidcstore.examples.sas;

import org.oidcstore.spring.sas.OidcStoreRegisteredClientRepository;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/** The example's client, registered in the store (idempotent: a restart over MariaDB updates it). */
final class DemoClients {
    static final String CLIENT_ID = "demo-client";
    static final String SECRET = "demo-secret-change-me";
    static final String REDIRECT = "http://127.0.0.1:8080/callback";

    private DemoClients() {
    }

    static void register(OidcStoreRegisteredClientRepository clients) {
        clients.save(RegisteredClient.withId(CLIENT_ID).clientId(CLIENT_ID)
                .clientSecret("{bcrypt}" + new BCryptPasswordEncoder(SasWebConfig.BCRYPT_STRENGTH).encode(SECRET))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).redirectUri(REDIRECT)
                .scope("openid").scope("profile").scope("api")
                .clientSettings(ClientSettings.builder().requireProofKey(true).build()).build());
    }
}
