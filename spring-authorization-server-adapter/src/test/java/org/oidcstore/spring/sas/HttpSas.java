package org.oidcstore.spring.sas;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.Map;
import org.oidcstore.store.OidcStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring Authorization Server on the adapter over HTTP: an embedded Tomcat on 127.0.0.1, a random
 * port, SAS's endpoints (OpenID Connect, PAR) in one filter chain, a form login for the user
 * {@value #USER} in another. The issuer is the URL the request came to ({@code http://127.0.0.1:port}).
 */
final class HttpSas {
    static final String USER = "alice";
    static final String PASSWORD = "alice-password-0123";

    private HttpSas() {
    }

    static EmbeddedServlet start(OidcStore store) throws Exception {
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        AnnotationConfigWebApplicationContext app = new AnnotationConfigWebApplicationContext();
        app.addBeanFactoryPostProcessor(bf -> {
            bf.registerSingleton("authorizationService", new OidcStoreAuthorizationService(store, clients));
            bf.registerSingleton("registeredClientRepository", clients);
            bf.registerSingleton("authorizationConsentService", new OidcStoreAuthorizationConsentService(store,
                    clients));
        });
        app.register(Config.class);
        return EmbeddedServlet.start(app, "SASSESSION");
    }

    @Configuration
    @EnableWebSecurity
    @EnableWebMvc
    static class Config {
        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            RequestMatcher[] endpoints = new RequestMatcher[1];
            http.oauth2AuthorizationServer(as -> endpoints[0] = as.oidc(Customizer.withDefaults())
                    .pushedAuthorizationRequestEndpoint(Customizer.withDefaults()).getEndpointsMatcher());
            http.securityMatcher(endpoints[0])
                    .authorizeHttpRequests(r -> r.anyRequest().authenticated())
                    // a user who is not signed in is sent to the login form
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize")))
                    .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(r -> r.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USER)
                    .password("{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD)).roles("USER").build());
        }

        @Bean
        JWKSource<SecurityContext> jwkSource() throws Exception {
            return new ImmutableJWKSet<>(new JWKSet(new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate()));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        }

        /** Secrets checked at the strength the tests hash them with (see {@link SasServer.Config}). */
        @Bean
        PasswordEncoder passwordEncoder() {
            return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
