package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.tck.Samples;

/**
 * What the plain-JDBC hot paths of the tier must keep within one JTA transaction (beyond the TCK):
 * a rotation that reuses the parent row its own consume locked still sees a revocation made
 * earlier in the same transaction and still checks client, grant, scopes and expiry; what one
 * transaction remembered never reaches another; a failed statement dooms the caller's transaction
 * (as under EclipseLink) while a business outcome (a replay) does not.
 */
class HotPathTransactionTest {

    private static <T> T inOneTransaction(TransactionManager tm, Supplier<T> work) throws Exception {
        tm.begin();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            tm.rollback();
            throw e;
        }
        tm.commit();
        return result;
    }

    private static RefreshToken successor(JpaFixture f, RefreshToken parent, Set<String> scopes) {
        return parent.successor(Samples.secret("rt"), scopes, f.clock().now(), f.clock().now().plus(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRevocationEarlierInTheRotatingTransactionStopsTheSuccessor(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        RefreshTokenStore tokens = f.store().refreshTokens();
        Samples samples = new Samples(f.clock());
        for (boolean byGrant : new boolean[] {false, true}) {
            RefreshToken root = samples.refreshToken();
            tokens.save(root, null);
            RefreshToken child = successor(f, root, null);
            inOneTransaction(f.jpaStore().transactionManager(), () -> {
                tokens.consume(root.token()).orElseThrow();
                assertThat(byGrant ? tokens.revokeByGrant(root.grantId()) : tokens.revokeChain(root.token()))
                        .as("byGrant=%s: rows revoked", byGrant).isEqualTo(1);
                assertThatThrownBy(() -> tokens.save(child, root.token())).as("byGrant=%s", byGrant)
                        .isInstanceOfSatisfying(AlreadyConsumedException.class,
                                e -> assertThat(e.record(RefreshToken.class).orElseThrow().revoked()).isTrue());
                return null;
            });
            assertThat(tokens.find(child.token())).as("byGrant=%s: successor", byGrant).isEmpty();
            assertThat(tokens.find(root.token()).orElseThrow().revoked()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theRotatingTransactionStillChecksScopesClientGrantAndExpiry(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        RefreshTokenStore tokens = f.store().refreshTokens();
        Samples samples = new Samples(f.clock());
        TransactionManager tm = f.jpaStore().transactionManager();
        RefreshToken root = samples.refreshToken();
        tokens.save(root, null);
        RefreshToken child = inOneTransaction(tm, () -> {
            RefreshToken used = tokens.consume(root.token()).orElseThrow();
            assertThatThrownBy(() -> tokens.save(successor(f, used, Set.of("openid", "admin")), root.token()))
                    .as("wider scopes").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> tokens.save(successor(f, used, null).toBuilder().clientId("client-b").build(),
                    root.token())).as("other client").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> tokens.save(successor(f, used, null).toBuilder().grantId("other-grant").build(),
                    root.token())).as("other grant").isInstanceOf(IllegalArgumentException.class);
            RefreshToken narrower = successor(f, used, Set.of("openid"));
            tokens.save(narrower, root.token());
            return narrower;
        });
        assertThat(tokens.find(child.token())).contains(child);

        RefreshToken shortLived = samples.refreshToken().toBuilder().expiresAt(f.clock().now().plusSeconds(30)).build();
        tokens.save(shortLived, null);
        RefreshToken late = successor(f, shortLived, null);
        inOneTransaction(tm, () -> {
            tokens.consume(shortLived.token()).orElseThrow();
            f.clock().advance(Duration.ofSeconds(30));
            assertThatThrownBy(() -> tokens.save(late, shortLived.token())).as("parent expired meanwhile")
                    .isInstanceOf(IllegalArgumentException.class);
            return null;
        });
        assertThat(tokens.find(late.token())).isEmpty();
    }

    /** A parent consumed by an earlier transaction is read again (its lock ended with that transaction). */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void whatATransactionRemembersNeverReachesTheNext(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        RefreshTokenStore tokens = f.store().refreshTokens();
        RefreshToken root = new Samples(f.clock()).refreshToken();
        tokens.save(root, null);
        TransactionManager tm = f.jpaStore().transactionManager();
        inOneTransaction(tm, () -> tokens.consume(root.token()).orElseThrow());
        tokens.revokeChain(root.token());
        RefreshToken child = successor(f, root, null);
        assertThatThrownBy(() -> inOneTransaction(tm, () -> {
            tokens.save(child, root.token());
            return null;
        })).isInstanceOf(AlreadyConsumedException.class);
        // and a consume rolled back leaves nothing behind either
        RefreshToken other = new Samples(f.clock()).refreshToken();
        tokens.save(other, null);
        tm.begin();
        try {
            tokens.consume(other.token()).orElseThrow();
        } finally {
            tm.rollback();
        }
        tokens.revokeChain(other.token());
        assertThatThrownBy(() -> inOneTransaction(tm, () -> {
            tokens.save(successor(f, other, null), other.token());
            return null;
        })).isInstanceOf(AlreadyConsumedException.class);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailedStatementDoomsTheCallersTransactionAReplayDoesNot(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        Samples samples = new Samples(f.clock());
        TransactionManager tm = f.jpaStore().transactionManager();
        AuthorizationCode code = samples.code();
        f.store().authorizationCodes().save(code);
        f.store().authorizationCodes().consume(code.code()).orElseThrow();

        tm.begin();
        try {
            assertThatThrownBy(() -> f.store().authorizationCodes().consume(code.code()))
                    .isInstanceOf(AlreadyConsumedException.class);
            assertThat(tm.getStatus()).as("after a replay").isEqualTo(Status.STATUS_ACTIVE);
            assertThatThrownBy(() -> f.store().authorizationCodes().save(code))
                    .isInstanceOf(DuplicateRecordException.class);
            assertThat(tm.getStatus()).as("after a failed statement").isEqualTo(Status.STATUS_MARKED_ROLLBACK);
        } finally {
            tm.rollback();
        }
    }
}
