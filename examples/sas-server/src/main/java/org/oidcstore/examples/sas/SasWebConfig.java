package org.oidcstore.examples.sas;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.Map;
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
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * SAS's endpoints (OpenID Connect and PAR on) in one filter chain, a form login in another; the
 * three SAS services are the oidc-store adapter's (registered by {@link SasOnOidcStore}). The
 * issuer is the URL requests come to. The signing key is generated at each start (a real provider
 * loads its keys).
 */
@Configuration
@EnableWebSecurity
@EnableWebMvc
public class SasWebConfig {
    static final String USER = "alice";
    static final String PASSWORD = "alice-password-change-me";
    /** BCrypt cost of the example's secrets (a production provider picks its own, 10 or more). */
    static final int BCRYPT_STRENGTH = 10;

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        RequestMatcher[] endpoints = new RequestMatcher[1];
        http.oauth2AuthorizationServer(as -> endpoints[0] = as.oidc(Customizer.withDefaults())
                .pushedAuthorizationRequestEndpoint(Customizer.withDefaults()).getEndpointsMatcher());
        http.securityMatcher(endpoints[0])
                .authorizeHttpRequests(r -> r.anyRequest().authenticated())
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
                .password("{bcrypt}" + new BCryptPasswordEncoder(BCRYPT_STRENGTH).encode(PASSWORD)).roles("USER")
                .build());
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() throws Exception {
        return new ImmutableJWKSet<>(new JWKSet(new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate()));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /** {@code {bcrypt}} only: the adapter stores client secrets as BCrypt hashes. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(BCRYPT_STRENGTH)));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }
}
