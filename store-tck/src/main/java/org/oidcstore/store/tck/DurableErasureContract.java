package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.SubjectErasure;

/**
 * What erasing a subject guarantees on a transactional store that hosts the cluster: the JWT IDs of
 * the subject's access tokens that were not expired are denylisted ({@link GrantRevocationStore#isRevoked})
 * until each token's expiry and no longer (a JWT handed out cannot be recalled), expired ones are
 * not added, other subjects' tokens are not denylisted; and the erasure is atomic: in a caller's
 * transaction that rolls back, nothing of the transactional cluster is erased and nothing denylisted
 * (the kinds of a volatile tier, which a composite erases after the durable part, are not planted).
 */
@ContractFor({AccessTokenRegistry.class, GrantRevocationStore.class, OidcStore.class})
public abstract class DurableErasureContract extends StoreContract {

    private Transactions tx() {
        return fixture.transactions().orElseThrow(() -> new AssertionError(
                "DurableErasureContract needs a fixture with transactions(); non-transactional tiers must not include it"));
    }

    private boolean denied(JwtAccessToken t) {
        return store.grantRevocations().isRevoked(null, t.jti(), t.issuedAt());
    }

    @Test
    @Covers(value = "eraseSubject", type = AccessTokenRegistry.class)
    @Covers(value = "isRevoked", type = GrantRevocationStore.class)
    @Covers(value = "purge", type = GrantRevocationStore.class)
    void theUnexpiredJwtIdsOfTheSubjectAreDenylistedUntilTheirExpiry() {
        SubjectRecords records = new SubjectRecords(store, samples, clock, this::inTransactionIfAny);
        String leaving = Samples.id("sub-leaving");
        Instant now = clock.now();
        JwtAccessToken live = records.jwt(leaving, now.plusSeconds(600));
        JwtAccessToken longer = records.jwt(leaving, now.plusSeconds(900));
        JwtAccessToken revoked = records.jwt(leaving, now.plusSeconds(300));
        JwtAccessToken fading = records.jwt(leaving, now.plus(SubjectRecords.SHORT));
        JwtAccessToken others = records.jwt(Samples.id("sub-staying"), now.plusSeconds(600));
        for (JwtAccessToken t : List.of(live, longer, revoked, fading, others)) {
            store.accessTokens().register(t);
        }
        assertThat(store.accessTokens().revoke(revoked.jti())).isTrue();
        clock.advance(SubjectRecords.SHORT);
        for (JwtAccessToken t : List.of(live, longer, revoked, fading, others)) {
            assertThat(denied(t)).as("nothing denylisted before the erasure").isFalse();
        }
        assertThat(store.accessTokens().eraseSubject(leaving)).isEqualTo(4);
        for (JwtAccessToken t : List.of(live, longer, revoked)) {
            assertThat(store.accessTokens().find(t.jti())).isEmpty();
            assertThat(denied(t)).as("an unexpired token of the erased subject").isTrue();
        }
        assertThat(denied(fading)).as("an expired token").isFalse();
        assertThat(denied(others)).as("another subject's token").isFalse();
        assertThat(store.accessTokens().find(others.jti())).contains(others);
        assertThat(store.accessTokens().eraseSubject(leaving)).as("idempotent").isZero();
        SubjectRecords.assertNothingAtRest(fixture, leaving, false);

        clock.set(live.expiresAt().minusMillis(1));
        assertThat(denied(live)).as("until its expiry").isTrue();
        clock.set(live.expiresAt());
        assertThat(denied(live)).as("not past its expiry").isFalse();
        assertThat(denied(longer)).isTrue();
        clock.set(longer.expiresAt());
        // exactly the three unexpired JWT IDs were added: the expired one was not
        assertThat(store.grantRevocations().purge(clock.now())).isEqualTo(3);
    }

    @Test
    @Covers(value = "eraseSubject", type = OidcStore.class)
    @Covers(value = "eraseSubject", type = AccessTokenRegistry.class)
    void insideATransactionThatRollsBackNothingIsErased() {
        SubjectRecords records = new SubjectRecords(store, samples, clock, this::inTransactionIfAny);
        String leaving = Samples.id("sub-leaving");
        Map<StoreKind, SubjectRecords.Planted> planted = new EnumMap<>(StoreKind.class);
        for (StoreKind kind : SubjectErasureContract.ERASABLE) {
            if (StoreKind.TRANSACTIONAL_CLUSTER.contains(kind)) {
                planted.put(kind, records.plant(kind, leaving));
            }
        }
        JwtAccessToken jwt = records.jwt(leaving, clock.now().plusSeconds(600));
        store.accessTokens().register(jwt);
        clock.advance(SubjectRecords.SHORT);
        Map<StoreKind, Integer> expected = new EnumMap<>(StoreKind.class);
        planted.forEach((kind, p) -> expected.put(kind, p.counted()));
        expected.merge(StoreKind.ACCESS_TOKENS, 1, Integer::sum);

        AtomicReference<SubjectErasure> inside = new AtomicReference<>();
        tx().rollback(() -> {
            inside.set(store.eraseSubject(leaving));
            planted.values().forEach(SubjectRecords.Planted::assertGone);
            assertThat(denied(jwt)).as("denylisted inside the transaction").isTrue();
        });
        assertThat(inside.get().counts()).containsAllEntriesOf(expected);
        planted.values().forEach(SubjectRecords.Planted::assertKept);
        assertThat(denied(jwt)).as("after the rollback").isFalse();

        AtomicReference<SubjectErasure> failed = new AtomicReference<>();
        try {
            tx().commit(() -> {
                failed.set(store.eraseSubject(leaving));
                throw new IllegalStateException("the caller's work fails after the erasure");
            });
        } catch (IllegalStateException expectedFailure) {
            // the transaction rolled back
        }
        assertThat(failed.get().counts()).containsAllEntriesOf(expected);
        planted.values().forEach(SubjectRecords.Planted::assertKept);
        assertThat(store.accessTokens().find(jwt.jti())).contains(jwt);
        assertThat(denied(jwt)).isFalse();

        assertThat(store.eraseSubject(leaving).counts()).as("committed at last").containsAllEntriesOf(expected);
        planted.values().forEach(SubjectRecords.Planted::assertGone);
        assertThat(denied(jwt)).isTrue();
        SubjectRecords.assertNothingAtRest(fixture, leaving, false);
    }
}
