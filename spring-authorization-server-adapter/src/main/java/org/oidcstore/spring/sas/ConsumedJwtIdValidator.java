package org.oidcstore.spring.sas;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.OidcStore;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
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
 * ConsumedJwtIdValidator.clientAssertions(store))}. The marker key is a SHA-256 of the purpose,
 * issuer and JWT ID (so it is a storable identifier whatever their length).
 */
public final class ConsumedJwtIdValidator implements OAuth2TokenValidator<Jwt> {
    private final OidcStore store;
    private final String purpose;

    public ConsumedJwtIdValidator(OidcStore store, String purpose) {
        this.store = Objects.requireNonNull(store, "store");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
    }

    /** SAS's default client-assertion checks, then this one (so an assertion failing them is not marked). */
    public static Function<RegisteredClient, OAuth2TokenValidator<Jwt>> clientAssertions(OidcStore store) {
        ConsumedJwtIdValidator once = new ConsumedJwtIdValidator(store, "client-assertion");
        return rc -> new DelegatingOAuth2TokenValidator<>(
                JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(rc), once);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String jti = jwt.getId();
        Instant exp = jwt.getExpiresAt();
        if (jti == null || jti.isEmpty() || exp == null) {
            return failure("the JWT must carry jti and exp");
        }
        String iss = jwt.getClaimAsString("iss");
        try {
            store.consumedJwtIds().mark(SasKeys.sha256(purpose + '\n' + iss + '\n' + jti), exp);
            return OAuth2TokenValidatorResult.success();
        } catch (AlreadyConsumedException e) {
            return failure("the JWT ID was used before");
        } catch (IllegalArgumentException e) {
            return failure("the JWT cannot be marked as used: " + e.getMessage());
        }
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
    }
}
