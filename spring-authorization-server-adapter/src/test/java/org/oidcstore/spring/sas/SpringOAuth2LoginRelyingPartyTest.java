package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring Security's {@code oauth2Login} as a second real relying party: its own servlet app on
 * 127.0.0.1 (configured from SAS's discovery document), SAS on the adapter in another, a
 * {@code java.net.http} client with cookies as the browser: the RP's login redirect, SAS's login
 * form, the code back to the RP, which redeems it (PKCE) and shows the user's subject.
 */
class SpringOAuth2LoginRelyingPartyTest {
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null,
            CookiePolicy.ACCEPT_ALL)).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void oauth2LoginSignsTheUserInThroughSasOnOidcStore() throws Exception {
        OidcStore store = Stores.composite();
        String clientId = "spring-rp-" + UUID.randomUUID();
        try (EmbeddedServlet sas = HttpSas.start(store)) {
            AnnotationConfigWebApplicationContext rpApp = new AnnotationConfigWebApplicationContext();
            ClientRegistration registration = ClientRegistrations.fromIssuerLocation(sas.baseUrl())
                    .registrationId("sas").clientId(clientId).clientSecret(Flows.SECRET).scope("openid", "profile")
                    .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                    .build();
            rpApp.addBeanFactoryPostProcessor(bf -> bf.registerSingleton("clientRegistrationRepository",
                    new InMemoryClientRegistrationRepository(registration)));
            rpApp.register(RpConfig.class);
            try (EmbeddedServlet rp = EmbeddedServlet.start(rpApp, "RPSESSION")) {
                String callback = rp.baseUrl() + "/login/oauth2/code/sas";
                RegisteredClient client = Flows.client(clientId, false);
                new OidcStoreRegisteredClientRepository(store).save(RegisteredClient.from(client)
                        .redirectUris(uris -> {
                            uris.clear();
                            uris.add(callback);
                        }).build());

                List<String> hops = new ArrayList<>();
                HttpResponse<String> page = follow(URI.create(rp.baseUrl() + "/"), hops);
                assertThat(page.request().uri().toString()).isEqualTo(sas.baseUrl() + "/login");
                Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
                assertThat(csrf.find()).as(page.body()).isTrue();

                HttpResponse<String> home = send(HttpRequest.newBuilder(URI.create(sas.baseUrl() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers
                                .ofString(form("username", HttpSas.USER, "password", HttpSas.PASSWORD, "_csrf",
                                        csrf.group(1)))), hops);
                home = followFrom(home, hops);
                System.out.println("[oauth2Login] " + String.join(" -> ", hops) + " => " + home.body());

                assertThat(home.statusCode()).isEqualTo(200);
                assertThat(home.request().uri().getPath()).isEqualTo("/");
                assertThat(home.request().uri().getPort()).isEqualTo(rp.port());
                assertThat(home.body()).isEqualTo("subject=" + HttpSas.USER + " issuer=" + sas.baseUrl());
                String code = hops.stream().filter(h -> h.startsWith(callback)).findFirst().orElseThrow()
                        .replaceAll(".*[?&]code=([^&]+).*", "$1");
                assertThat(hops).anySatisfy(h -> assertThat(h).startsWith(sas.baseUrl() + "/oauth2/authorize?"));
                assertThat(store.authorizationCodes().find(java.net.URLDecoder.decode(code, StandardCharsets.UTF_8)))
                        .hasValueSatisfying(c -> {
                            assertThat(c.isConsumed()).isTrue();
                            assertThat(c.subject()).isEqualTo(HttpSas.USER);
                            assertThat(c.codeChallenge()).isNotBlank();
                        });
            }
        }
    }

    private HttpResponse<String> follow(URI uri, List<String> hops) throws Exception {
        return followFrom(send(HttpRequest.newBuilder(uri).GET(), hops), hops);
    }

    private HttpResponse<String> followFrom(HttpResponse<String> r, List<String> hops) throws Exception {
        for (int i = 0; i < 10 && r.statusCode() == 302; i++) {
            URI next = r.request().uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = send(HttpRequest.newBuilder(next).GET(), hops);
        }
        return r;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, List<String> hops) throws Exception {
        HttpResponse<String> r = browser.send(request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        hops.add(r.request().uri() + " " + r.statusCode());
        return r;
    }

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Configuration
    @EnableWebSecurity
    @EnableWebMvc
    static class RpConfig {
        @Bean
        SecurityFilterChain relyingParty(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(r -> r.anyRequest().authenticated()).oauth2Login(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        Home home() {
            return new Home();
        }
    }

    @RestController
    static class Home {
        @GetMapping(value = "/", produces = "text/plain")
        String home(@AuthenticationPrincipal OidcUser user) {
            return "subject=" + user.getSubject() + " issuer=" + user.getIssuer();
        }
    }
}
