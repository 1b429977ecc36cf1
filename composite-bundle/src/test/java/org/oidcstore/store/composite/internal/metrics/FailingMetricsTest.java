package org.oidcstore.store.composite.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * Meters that throw (a name clash in the application's registry, a broken commit hook) around the
 * real memory tier: every call still returns the store's own result or throws the store's own
 * exception.
 */
class FailingMetricsTest {
    /** Every meter and hook throws. */
    private static final class Broken implements StoreMetrics, StoreMetrics.OperationMeters, CommitHook {
        @Override public boolean enabled() { return true; }
        @Override public OperationMeters operation(MetricTags t, String op, SessionDurability p) { return this; }
        @Override public void purged(MetricTags t, long count) { throw new IllegalArgumentException("clash"); }
        @Override public void business(Business e, MetricTags t) { throw new IllegalArgumentException("clash"); }
        @Override public void erased(MetricTags t, long count) { throw new IllegalArgumentException("clash"); }
        @Override public void subjectErasure() { throw new IllegalArgumentException("clash"); }
        @Override public void posture(MetricTags t, SessionDurability p) { throw new IllegalArgumentException("clash"); }
        @Override public void record(String outcome, long nanos) { throw new IllegalArgumentException("clash"); }
        @Override public void replay() { throw new IllegalArgumentException("clash"); }
        @Override public void conflict() { throw new IllegalArgumentException("clash"); }
        @Override public void afterCommit(Runnable action) { throw new IllegalStateException("hook"); }
    }

    @Test
    void aMeterThatThrowsNeverReplacesTheStoresResultOrException() {
        MutableClock clock = MutableClock.startingNow();
        var memory = MemoryStores.open(); // the system clock; MutableClock.startingNow() starts there too
        Broken broken = new Broken();
        MeteredStores metered = new MeteredStores(broken, broken, SessionDurability.DURABLE, TimerSampling.EVERY_CALL);
        MetricTags tags = new MetricTags("pushed_authorization_requests", "volatile", "memory");
        PushedAuthorizationRequestStore pars = (PushedAuthorizationRequestStore) metered.wrap(PushedAuthorizationRequestStore.class,
                StoreKind.PUSHED_AUTHORIZATION_REQUESTS, tags, memory.pushedAuthorizationRequests());
        PushedAuthorizationRequest par = new Samples(clock).par("client-a");
        pars.save(par);
        assertThat(pars.consume(par.requestUri())).contains(par);
        assertThatThrownBy(() -> pars.consume(par.requestUri())).isInstanceOf(AlreadyConsumedException.class);

        ConsumedJwtIdStore jtis = (ConsumedJwtIdStore) metered.wrap(ConsumedJwtIdStore.class, StoreKind.CONSUMED_JWT_IDS,
                new MetricTags("consumed_jwt_ids", "volatile", "memory"), memory.consumedJwtIds());
        jtis.mark("jti-1", Instant.now().plusSeconds(60));
        assertThat(jtis.isMarked("jti-1")).isTrue();
        assertThatThrownBy(() -> jtis.mark("jti-1", Instant.now().plusSeconds(60)))
                .isInstanceOf(AlreadyConsumedException.class);
    }
}
