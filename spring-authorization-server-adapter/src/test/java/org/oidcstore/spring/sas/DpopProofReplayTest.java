package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * DPoP proofs (RFC 9449) decoded by Spring Security's {@link DPoPProofJwtDecoderFactory} on two
 * provider nodes sharing the volatile tier: with {@link ConsumedJwtIdValidator#dpopProofs} a proof
 * accepted by one node is refused by the other; with the default factory (an in-process cache per
 * node) both accept it.
 */
class DpopProofReplayTest {
    private static final String HTU = "https://as.example/oauth2/token";
    private final OidcStore sharedVolatile = MemoryStores.open(MemorySettings.defaults(), Clock.systemUTC(),
            SecretDigest.fromConfig(Optional.of(Stores.PEPPER)));
    private final OidcStore node1 = Stores.compositeSharing(sharedVolatile);
    private final OidcStore node2 = Stores.compositeSharing(sharedVolatile);

    private static String proof(ECKey key, Instant iat) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                .claim("htm", "POST").claim("htu", HTU).issueTime(Date.from(iat)).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static JwtDecoder decoder(OidcStore store, String proof) {
        DPoPProofJwtDecoderFactory factory = new DPoPProofJwtDecoderFactory();
        // each node its own in-process replay cache (SAS's static default shares one per JVM)
        factory.setJwtValidatorFactory(store != null ? ConsumedJwtIdValidator.dpopProofs(store)
                : DPoPProofJwtDecoderFactory.createDefaultJwtValidatorFactory(java.util.List.of()));
        return factory.createDecoder(DPoPProofContext.withDPoPProof(proof).method("POST").targetUri(HTU).build());
    }

    @Test
    void aProofAcceptedByOneNodeIsRefusedByTheOther() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String proof = proof(key, Instant.now());
        assertThat(decoder(node1, proof).decode(proof).getId()).isNotBlank();
        assertThatThrownBy(() -> decoder(node2, proof).decode(proof)).isInstanceOf(JwtValidationException.class)
                .satisfies(e -> assertThat(((JwtValidationException) e).getErrors())
                        .anySatisfy(err -> {
                            assertThat(err.getErrorCode()).isEqualTo("invalid_dpop_proof");
                            assertThat(err.getDescription()).isEqualTo("the JWT ID was used before");
                        }));
        // another proof of the same key passes on node 2
        String next = proof(key, Instant.now());
        assertThat(decoder(node2, next).decode(next).getId()).isNotBlank();
    }

    @Test
    void withTheDefaultFactoryBothNodesAcceptTheSameProof() throws Exception {
        String proof = proof(new ECKeyGenerator(Curve.P_256).generate(), Instant.now());
        assertThat(decoder(null, proof).decode(proof).getId()).isNotBlank();
        assertThat(decoder(null, proof).decode(proof).getId()).isNotBlank();
    }

    @Test
    void aProofWithoutIatOrJwkIsRefusedAndMarksNothing() throws Exception {
        ConsumedJwtIdValidator once = ConsumedJwtIdValidator.dpopProof(node1, Duration.ofSeconds(30));
        String jti = UUID.randomUUID().toString();
        Jwt noIat = Jwt.withTokenValue("t").header("alg", "ES256").jti(jti).claim("htm", "POST").build();
        assertThat(once.validate(noIat).getErrors())
                .singleElement().satisfies(e -> assertThat(e.getErrorCode()).isEqualTo("invalid_dpop_proof"));
        Jwt noJwk = Jwt.withTokenValue("t").header("alg", "ES256").jti(jti).issuedAt(Instant.now()).build();
        assertThat(once.validate(noJwk).hasErrors()).isTrue();
        assertThatThrownBy(() -> ConsumedJwtIdValidator.dpopProof(node1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
