package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.Samples;

/**
 * Absent and expired look the same on every write path of sessions and interactions, as on the
 * memory and Redis tiers: deleting, touching or swapping a row that is expired by the store clock
 * (saved expired, or expired later) reports "nothing there", and the row stays for the GC, which
 * reclaims it as before. Conflict messages never name the interaction.
 */
class ExpiredSessionsAndInteractionsTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anExpiredSessionIsNeitherDeletedNorTouched(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        Samples samples = new Samples(f.clock());
        Instant t0 = f.clock().now();
        Session expiresLater = samples.session(null).toBuilder().expiresAt(t0.plusSeconds(30)).build();
        Session savedExpired = samples.session(null).toBuilder().expiresAt(t0.minusSeconds(1)).build();
        f.store().sessions().save(expiresLater);
        f.store().sessions().save(savedExpired);
        f.clock().set(t0.plusSeconds(30));

        for (Session s : new Session[] {expiresLater, savedExpired}) {
            assertThat(f.store().sessions().touch(s.sessionId(), t0.plus(Duration.ofHours(1)))).isFalse();
            assertThat(f.store().sessions().delete(s.sessionId())).as("delete of an expired session").isFalse();
            assertThat(f.store().sessions().find(s.sessionId())).isEmpty();
        }
        assertThat(f.count("oidc_session")).as("expired rows wait for the GC").isEqualTo(2);
        assertThat(f.jpaStore().gc().collect().deleted().get(StoreKind.SESSIONS)).isEqualTo(2);
        assertThat(f.count("oidc_session")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLiveSessionIsStillDeletedOnce(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        Session s = new Samples(f.clock()).session(null);
        f.store().sessions().save(s);
        assertThat(f.store().sessions().delete(s.sessionId())).isTrue();
        assertThat(f.store().sessions().delete(s.sessionId())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anExpiredInteractionIsNeitherDeletedNorSwapped(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        InteractionCompareAndSwap interactions = (InteractionCompareAndSwap) f.store().interactions();
        Instant t0 = f.clock().now();
        byte[] state = Samples.binaryState(7);
        Interaction expiresLater = new Interaction(Samples.id("ia"), state, t0, t0.plusSeconds(30));
        Interaction savedExpired = new Interaction(Samples.id("ia"), state, t0.minusSeconds(60),
                t0.minusSeconds(1));
        interactions.save(expiresLater);
        interactions.save(savedExpired);
        f.clock().set(t0.plusSeconds(30));

        for (Interaction i : new Interaction[] {expiresLater, savedExpired}) {
            Interaction next = new Interaction(i.interactionId(), Samples.binaryState(8), f.clock().now(),
                    f.clock().now().plusSeconds(60));
            assertThatThrownBy(() -> interactions.compareAndSwap(state, next))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.getMessage()).doesNotContain(i.interactionId()));
            assertThatThrownBy(() -> interactions.deleteIfUnchanged(i.interactionId(), state))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.getMessage()).doesNotContain(i.interactionId()));
            assertThat(interactions.delete(i.interactionId())).as("delete of an expired interaction").isFalse();
            assertThat(interactions.find(i.interactionId())).isEmpty();
        }
        assertThat(f.count("oidc_interaction")).as("expired rows wait for the GC").isEqualTo(2);
        assertThat(f.jpaStore().gc().collect().deleted().get(StoreKind.INTERACTIONS)).isEqualTo(2);
        assertThat(f.count("oidc_interaction")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLiveInteractionIsStillDeletedOnceAndAConflictDoesNotNameIt(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        InteractionCompareAndSwap interactions = (InteractionCompareAndSwap) f.store().interactions();
        Interaction i = new Samples(f.clock()).interaction(Samples.binaryState(1));
        interactions.save(i);
        Interaction next = new Interaction(i.interactionId(), Samples.binaryState(2), i.createdAt(), i.expiresAt());
        assertThatThrownBy(() -> interactions.compareAndSwap(Samples.binaryState(3), next))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.getMessage()).contains("interactions").doesNotContain(i.interactionId()));
        assertThat(interactions.delete(i.interactionId())).isTrue();
        assertThat(interactions.delete(i.interactionId())).isFalse();
    }
}
