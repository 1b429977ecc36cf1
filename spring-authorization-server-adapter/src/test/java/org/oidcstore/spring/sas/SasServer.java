package org.oidcstore.spring.sas;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring Authorization Server's real filter chain ({@code HttpSecurity.oauth2AuthorizationServer},
 * OpenID Connect on) in a plain Spring web context, no Spring Boot, driven through MockMvc. The
 * three services are whatever the test passes: the oidc-store adapter or SAS's own.
 */
final class SasServer {
    private SasServer() {
    }

    static MockMvc start(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
            OAuth2AuthorizationConsentService consents) {
        return start(authorizations, clients, consents, as -> { });
    }

    /** As above, with a further customization of SAS's configurer (e.g. client authentication). */
    static MockMvc start(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
            OAuth2AuthorizationConsentService consents, Customizer<OAuth2AuthorizationServerConfigurer> extra) {
        AnnotationConfigWebApplicationContext ctx = new AnnotationConfigWebApplicationContext();
        ctx.setServletContext(new MockServletContext());
        ctx.addBeanFactoryPostProcessor(bf -> {
            bf.registerSingleton("authorizationService", authorizations);
            bf.registerSingleton("registeredClientRepository", clients);
            bf.registerSingleton("authorizationConsentService", consents);
            bf.registerSingleton("sasCustomizer", new Extra(extra));
        });
        ctx.register(Config.class);
        ctx.refresh();
        return MockMvcBuilders.webAppContextSetup(ctx).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    /** The test's customization of the configurer (a holder: lambdas lose their generic type). */
    record Extra(Customizer<OAuth2AuthorizationServerConfigurer> customizer) {
    }

    @Configuration
    @EnableWebSecurity
    @EnableWebMvc
    static class Config {
        @Bean
        SecurityFilterChain authorizationServer(HttpSecurity http, Extra extra) throws Exception {
            // the device endpoints are opt-in in SAS 7 (DeviceGrantTest)
            http.oauth2AuthorizationServer(as -> extra.customizer().customize(as.oidc(Customizer.withDefaults())
                    .pushedAuthorizationRequestEndpoint(Customizer.withDefaults())
                    .deviceAuthorizationEndpoint(Customizer.withDefaults())
                    .deviceVerificationEndpoint(Customizer.withDefaults())))
                    .authorizeHttpRequests(r -> r.anyRequest().authenticated())
                    .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) kp.getPublic()).privateKey((RSAPrivateKey) kp.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        }

        /**
         * Client secrets are checked with BCrypt at the strength the tests hash them with (4). Without
         * this bean SAS's default encoder (strength 10) "upgrades" every client secret at its first
         * authentication, and each later token request spends ~60 ms of CPU in BCrypt: the race
         * tests would measure BCrypt, not the store.
         */
        @Bean
        PasswordEncoder passwordEncoder() {
            return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().issuer("http://localhost").build();
        }
    }
}
