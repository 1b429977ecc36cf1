package org.oidcstore.spring.sas;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.OidcStore;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A JWT validator that lets each JWT ID through once: it marks {@code (purpose, iss, jti)} in the
 * store's {@code CONSUMED_JWT_IDS} until the JWT's {@code exp}, in one engine operation, so a
 * second use is refused on every provider node that shares the volatile tier. SAS checks neither
 * client-assertion nor DPoP-proof JWT IDs across nodes by itself.
 *
 * <p>Client assertions: {@code JwtClientAssertionDecoderFactory.setJwtValidatorFactory(
 * ConsumedJwtIdValidator.clientAssertions(store))}; DPoP proofs: {@link #dpopProofs}. The marker
 * key is a SHA-256 of the purpose, issuer (for a DPoP proof: its key's JWK thumbprint) and JWT ID
 * (so it is a storable identifier whatever their length).
 */
public final class ConsumedJwtIdValidator implements OAuth2TokenValidator<Jwt> {
    /** The skew SAS's DPoP checks accept around {@code iat} ({@code DPoPProofJwtDecoderFactory}'s 30 s). */
    public static final Duration DPOP_PROOF_SKEW = Duration.ofSeconds(30);

    private final OidcStore store;
    private final String purpose;
    private final Duration iatSkew;

    /** A validator for JWTs that carry {@code exp} (client assertions): marked until {@code exp}. */
    public ConsumedJwtIdValidator(OidcStore store, String purpose) {
        this(store, purpose, null);
    }

    private ConsumedJwtIdValidator(OidcStore store, String purpose, Duration iatSkew) {
        this.store = Objects.requireNonNull(store, "store");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.iatSkew = iatSkew;
    }

    /**
     * A validator for DPoP proofs (RFC 9449), which carry {@code iat} and no {@code exp}: a proof is
     * accepted while {@code iat} is within {@code skew} of now, so its JWT ID is marked until
     * {@code iat + skew}. The marker is keyed by the proof's public key (its JWK thumbprint) and
     * JWT ID; errors are {@code invalid_dpop_proof}.
     */
    public static ConsumedJwtIdValidator dpopProof(OidcStore store, Duration skew) {
        Objects.requireNonNull(skew, "skew");
        if (skew.isNegative() || skew.isZero()) {
            throw new IllegalArgumentException("skew must be positive: " + skew);
        }
        return new ConsumedJwtIdValidator(store, "dpop-proof", skew);
    }

    /** SAS's default client-assertion checks, then this one (so an assertion failing them is not marked). */
    public static Function<RegisteredClient, OAuth2TokenValidator<Jwt>> clientAssertions(OidcStore store) {
        ConsumedJwtIdValidator once = new ConsumedJwtIdValidator(store, "client-assertion");
        return rc -> new DelegatingOAuth2TokenValidator<>(
                JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(rc), once);
    }

    /**
     * Spring Security's default DPoP-proof checks ({@code htm}, {@code htu}, {@code iat} within 30 s,
     * key binding, its in-process replay cache), then this one, for
     * {@code DPoPProofJwtDecoderFactory.setJwtValidatorFactory}. SAS 7.1.2's token endpoint builds its
     * own factory ({@code DPoPProofVerifier}, not configurable); resource servers can take this one.
     */
    public static Function<DPoPProofContext, OAuth2TokenValidator<Jwt>> dpopProofs(OidcStore store) {
        ConsumedJwtIdValidator once = dpopProof(store, DPOP_PROOF_SKEW);
        // a default factory of its own (its in-process cache is this node's, not the JVM-wide one)
        Function<DPoPProofContext, OAuth2TokenValidator<Jwt>> defaults =
                DPoPProofJwtDecoderFactory.createDefaultJwtValidatorFactory(List.of());
        return ctx -> new DelegatingOAuth2TokenValidator<>(defaults.apply(ctx), once);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String jti = jwt.getId();
        Instant until = iatSkew == null ? jwt.getExpiresAt()
                : jwt.getIssuedAt() == null ? null : jwt.getIssuedAt().plus(iatSkew);
        if (jti == null || jti.isEmpty() || until == null) {
            return failure(iatSkew == null ? "the JWT must carry jti and exp"
                    : "the DPoP proof must carry jti and iat");
        }
        String issuer;
        try {
            issuer = iatSkew == null ? jwt.getClaimAsString("iss") : keyThumbprint(jwt);
        } catch (RuntimeException | ParseException | JOSEException e) {
            return failure("the DPoP proof's jwk header cannot be read");
        }
        try {
            store.consumedJwtIds().mark(SasKeys.sha256(purpose + '\n' + issuer + '\n' + jti), until);
            return OAuth2TokenValidatorResult.success();
        } catch (AlreadyConsumedException e) {
            return failure("the JWT ID was used before");
        } catch (IllegalArgumentException e) {
            return failure("the JWT cannot be marked as used: " + e.getMessage());
        }
    }

    private static String keyThumbprint(Jwt jwt) throws ParseException, JOSEException {
        Object jwk = jwt.getHeaders().get("jwk");
        if (!(jwk instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("no jwk header");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) m;
        return JWK.parse(json).computeThumbprint().toString();
    }

    private OAuth2TokenValidatorResult failure(String description) {
        String code = iatSkew == null ? OAuth2ErrorCodes.INVALID_CLIENT : OAuth2ErrorCodes.INVALID_DPOP_PROOF;
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(code, description, null));
    }
}
