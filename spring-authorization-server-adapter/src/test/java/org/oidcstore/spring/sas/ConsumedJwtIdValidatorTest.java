package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Two provider nodes (two composites over the same H2 tier and one shared volatile tier): a client
 * assertion's JWT ID accepted by one is refused by the other, and of 16 concurrent uses exactly one
 * passes.
 */
class ConsumedJwtIdValidatorTest {
    private final OidcStore sharedVolatile = MemoryStores.open(MemorySettings.defaults(), Clock.systemUTC(),
            SecretDigest.fromConfig(Optional.of(Stores.PEPPER)));
    private final ConsumedJwtIdValidator node1 = new ConsumedJwtIdValidator(Stores.compositeSharing(sharedVolatile),
            "client-assertion");
    private final ConsumedJwtIdValidator node2 = new ConsumedJwtIdValidator(Stores.compositeSharing(sharedVolatile),
            "client-assertion");

    private static Jwt assertion(String iss, String jti) {
        Instant now = Instant.now();
        return Jwt.withTokenValue("header.payload.sig").header("alg", "RS256").issuer(iss).subject(iss)
                .jti(jti).issuedAt(now).expiresAt(now.plusSeconds(60)).build();
    }

    @Test
    void aReplayOnTheOtherNodeIsRefused() {
        Jwt jwt = assertion("client-a", UUID.randomUUID().toString());
        assertThat(node1.validate(jwt).hasErrors()).isFalse();
        assertThat(node2.validate(jwt).hasErrors()).isTrue();
        assertThat(node2.validate(jwt).getErrors()).allSatisfy(e -> assertThat(e.getErrorCode()).isEqualTo(
                "invalid_client"));
        // the same jti from another issuer is another JWT
        assertThat(node2.validate(assertion("client-b", jwt.getId())).hasErrors()).isFalse();
    }

    @Test
    void aJwtWithoutJtiOrAlreadyExpiredIsRefused() {
        Instant now = Instant.now();
        Jwt noJti = Jwt.withTokenValue("t").header("alg", "RS256").issuer("c").expiresAt(now.plusSeconds(60)).build();
        assertThat(node1.validate(noJti).hasErrors()).isTrue();
        Jwt expired = Jwt.withTokenValue("t").header("alg", "RS256").issuer("c").jti(UUID.randomUUID().toString())
                .issuedAt(now.minusSeconds(120)).expiresAt(now.minusSeconds(60)).build();
        assertThat(node1.validate(expired).hasErrors()).isTrue();
    }

    @Test
    void ofSixteenConcurrentUsesAcrossTwoNodesExactlyOnePasses() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 50; round++) {
                Jwt jwt = assertion("client-r", UUID.randomUUID().toString());
                CyclicBarrier gate = new CyclicBarrier(16);
                List<Future<Boolean>> passed = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    ConsumedJwtIdValidator node = i % 2 == 0 ? node1 : node2;
                    passed.add(pool.submit(() -> {
                        gate.await();
                        return !node.validate(jwt).hasErrors();
                    }));
                }
                int ok = 0;
                for (Future<Boolean> f : passed) {
                    ok += f.get() ? 1 : 0;
                }
                assertThat(ok).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
