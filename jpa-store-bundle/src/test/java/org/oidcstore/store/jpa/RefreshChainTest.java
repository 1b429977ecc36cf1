package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.Race;
import org.oidcstore.store.tck.Samples;

/**
 * A refresh chain never forks on the durable tier: a successor needs a consumed parent, and a
 * parent has at most one successor, enforced by a unique index on the child's parent reference
 * (schema version 2) so that no code path, concurrent or not, can store a second one.
 */
class RefreshChainTest {

    private static RefreshToken successor(JpaFixture f, RefreshToken parent) {
        return parent.successor(Samples.secret("rt"), null, f.clock().now(), f.clock().now().plus(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSuccessorOfAParentThatIsNotConsumedIsRefusedAndNothingIsWritten(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        RefreshTokenStore tokens = f.store().refreshTokens();
        RefreshToken root = new Samples(f.clock()).refreshToken();
        tokens.save(root, null);
        RefreshToken child = successor(f, root);
        assertThatThrownBy(() -> tokens.save(child, root.token()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consume the parent first")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(root.token()));
        assertThat(tokens.find(child.token())).isEmpty();
        assertThat(f.count("oidc_refresh_token")).isEqualTo(1);
        assertThat(tokens.find(root.token()).orElseThrow().isConsumed()).as("the parent is left alone").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSecondSuccessorOfOneParentIsRefusedWithTheParentRecord(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        RefreshTokenStore tokens = f.store().refreshTokens();
        RefreshToken root = new Samples(f.clock()).refreshToken();
        tokens.save(root, null);
        RefreshToken consumed = tokens.consume(root.token()).orElseThrow();
        RefreshToken first = successor(f, root);
        tokens.save(first, root.token());
        RefreshToken second = successor(f, root);
        assertThatThrownBy(() -> tokens.save(second, root.token()))
                .isInstanceOfSatisfying(AlreadyConsumedException.class, e -> {
                    assertThat(e.record(RefreshToken.class)).contains(consumed);
                    assertThat(e.getMessage()).doesNotContain(root.token()).doesNotContain(second.token());
                });
        assertThat(tokens.find(second.token())).isEmpty();
        assertThat(tokens.find(first.token())).contains(first);
        assertThat(f.count("oidc_refresh_token")).isEqualTo(2);
    }

    /** A refused second successor is a business outcome: the caller's transaction goes on and commits. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRefusedSecondSuccessorDoesNotDoomTheCallersTransaction(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        RefreshTokenStore tokens = f.store().refreshTokens();
        RefreshToken root = new Samples(f.clock()).refreshToken();
        tokens.save(root, null);
        RefreshToken first = successor(f, root);
        RefreshToken second = successor(f, root);
        TransactionManager tm = f.jpaStore().transactionManager();
        tm.begin();
        try {
            tokens.consume(root.token()).orElseThrow();
            tokens.save(first, root.token());
            assertThatThrownBy(() -> tokens.save(second, root.token())).isInstanceOf(AlreadyConsumedException.class);
            assertThat(tm.getStatus()).isEqualTo(Status.STATUS_ACTIVE);
            tm.commit();
        } catch (RuntimeException | Error e) {
            tm.rollback();
            throw e;
        }
        assertThat(tokens.find(first.token())).contains(first);
        assertThat(tokens.find(second.token())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentSuccessorsOfOneConsumedParentHaveExactlyOneWinner(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        RefreshTokenStore tokens = f.store().refreshTokens();
        Samples samples = new Samples(f.clock());
        List<RefreshToken> children = new ArrayList<>();
        Race.<RefreshToken>rounds(round -> {
            RefreshToken parent = samples.refreshToken();
            tokens.save(parent, null);
            tokens.consume(parent.token()).orElseThrow();
            children.clear();
            for (int i = 0; i < Race.THREADS; i++) {
                children.add(successor(f, parent));
            }
            return i -> () -> {
                tokens.save(children.get(i), parent.token());
                return children.get(i);
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            assertThat(children.stream().filter(c -> tokens.find(c.token()).isPresent()).count())
                    .as("round %d: stored successors", round).isEqualTo(1);
        });
    }

    /** The rule lives in the engine: even a plain INSERT bypassing the store cannot add a second child. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void theSchemaRefusesASecondChildOfOneParent(Engine engine) throws SQLException {
        JpaFixture f = TestStores.fixture(engine);
        RefreshTokenStore tokens = f.store().refreshTokens();
        RefreshToken root = new Samples(f.clock()).refreshToken();
        tokens.save(root, null);
        tokens.consume(root.token()).orElseThrow();
        tokens.save(successor(f, root), root.token());
        String rootDigest = f.digest().digest(StoreKind.REFRESH_TOKENS, root.token());
        Connection c = f.adminConnection();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO oidc_refresh_token (token_digest, parent_digest,"
                + " root_digest, client_id, subject, grant_id, scopes, resources, amr, expires_at, revoked, created_at)"
                + " SELECT ?, token_digest, root_digest, client_id, subject, grant_id, scopes, resources, amr,"
                + " expires_at, revoked, created_at FROM oidc_refresh_token WHERE token_digest = ?")) {
            ps.setString(1, "forged-second-child-digest-000000000000000");
            ps.setString(2, rootDigest);
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState().equals("23505") || e.getErrorCode() == 1062).isTrue());
        }
        assertThat(f.count("oidc_refresh_token")).isEqualTo(2);
    }
}
