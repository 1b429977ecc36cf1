package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Two provider instances (two Spring contexts, each its own composite over the same H2 database
 * and one shared memory tier) with a {@code private_key_jwt} client: a client assertion accepted at
 * the token endpoint of instance A is refused ({@code invalid_client}) when replayed at instance B,
 * with SAS's client-assertion decoder wired to {@link ConsumedJwtIdValidator#clientAssertions}.
 * A third instance with SAS's default validator accepts the same replay (gap 8).
 */
class ClientAssertionReplayTest {
    private static final String ISSUER = "http://localhost";
    private static final ExecutorService POOL = Executors.newFixedThreadPool(16);
    private static HttpServer jwks;
    private static RSAKey key;
    private static String client;
    private static MockMvc instanceA;
    private static MockMvc instanceB;
    private static MockMvc sasDefault;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("rp-key").generate();
        byte[] set = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", x -> {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, set.length);
            x.getResponseBody().write(set);
            x.close();
        });
        jwks.start();

        OidcStore sharedVolatile = MemoryStores.open(MemorySettings.defaults(), Clock.systemUTC(),
                SecretDigest.fromConfig(Optional.of(Stores.PEPPER)));
        OidcStore nodeA = Stores.compositeSharing(sharedVolatile);
        OidcStore nodeB = Stores.compositeSharing(sharedVolatile);
        client = "pkjwt-" + UUID.randomUUID();
        new OidcStoreRegisteredClientRepository(nodeA).save(RegisteredClient.withId(client).clientId(client)
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("api")
                .clientSettings(ClientSettings.builder()
                        .jwkSetUrl("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")
                        .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256).build())
                .build());
        instanceA = instance(nodeA, true);
        instanceB = instance(nodeB, true);
        sasDefault = instance(Stores.compositeSharing(sharedVolatile), false);
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        jwks.stop(0);
    }

    private static MockMvc instance(OidcStore store, boolean checkJwtIds) {
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        JwtClientAssertionDecoderFactory decoders = new JwtClientAssertionDecoderFactory();
        if (checkJwtIds) {
            decoders.setJwtValidatorFactory(ConsumedJwtIdValidator.clientAssertions(store));
        }
        return SasServer.start(new OidcStoreAuthorizationService(store, clients), clients,
                new OidcStoreAuthorizationConsentService(store, clients),
                as -> as.clientAuthentication(ca -> ca.authenticationProviders(providers -> providers.forEach(p -> {
                    if (p instanceof JwtClientAssertionAuthenticationProvider jwt) {
                        jwt.setJwtDecoderFactory(decoders);
                    }
                }))));
    }

    /** A client assertion (RFC 7523) signed with the client's key, audience the token endpoint. */
    private static String assertion() throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(client).subject(client)
                .audience(ISSUER + "/oauth2/token").jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static MockHttpServletResponse token(MockMvc instance, String assertion) throws Exception {
        return instance.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "client_credentials").param("scope", "api").param("client_id", client)
                .param("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .param("client_assertion", assertion)).andReturn().getResponse();
    }

    @Test
    void anAssertionAcceptedByInstanceAIsRefusedByInstanceB() throws Exception {
        String assertion = assertion();
        MockHttpServletResponse a = token(instanceA, assertion);
        assertThat(a.getStatus()).as(a.getContentAsString()).isEqualTo(200);
        assertThat(Flows.json(a, "access_token")).isNotBlank();

        MockHttpServletResponse b = token(instanceB, assertion);
        assertThat(b.getStatus()).as(b.getContentAsString()).isEqualTo(401);
        assertThat(Flows.json(b, "error")).isEqualTo("invalid_client");
        assertThat(token(instanceA, assertion).getStatus()).isEqualTo(401);

        // instance B itself works: a fresh assertion passes there
        assertThat(token(instanceB, assertion()).getStatus()).isEqualTo(200);
    }

    @Test
    void withSasDefaultValidatorTheReplayOnAnotherInstancePasses() throws Exception {
        String assertion = assertion();
        assertThat(token(instanceA, assertion).getStatus()).isEqualTo(200);
        // SAS checks iss, sub, aud, exp only: the replay is accepted (gap 8)
        MockHttpServletResponse replay = token(sasDefault, assertion);
        assertThat(replay.getStatus()).as(replay.getContentAsString()).isEqualTo(200);
    }

    @Test
    void ofSixteenConcurrentUsesAcrossBothInstancesExactlyOneIsAccepted() throws Exception {
        List<Integer> wins = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String assertion = assertion();
            CyclicBarrier gate = new CyclicBarrier(16);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                MockMvc instance = i % 2 == 0 ? instanceA : instanceB;
                answers.add(POOL.submit(() -> {
                    gate.await();
                    return token(instance, assertion).getStatus();
                }));
            }
            int ok = 0;
            for (Future<Integer> f : answers) {
                int status = f.get();
                assertThat(status).isIn(200, 401);
                ok += status == 200 ? 1 : 0;
            }
            wins.add(ok);
        }
        assertThat(wins).containsOnly(1);
    }
}
