package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.spi.SecretDigest;

/** The helpers every contract case relies on. */
class StoreContractTest {

    /** A fixture with transactions that only counts them: enough for the helper under test. */
    private static final class CountingFixture implements StoreFixture {
        final AtomicInteger commits = new AtomicInteger();

        @Override
        public Optional<Transactions> transactions() {
            return Optional.of(new Transactions() {
                @Override
                public <T> T commit(Supplier<T> work) {
                    commits.incrementAndGet();
                    return work.get();
                }

                @Override
                public void rollback(Runnable work) {
                    throw new UnsupportedOperationException();
                }
            });
        }

        @Override
        public OidcStore store() {
            throw new UnsupportedOperationException();
        }

        @Override
        public MutableClock clock() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SecretDigest digest() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PersistedState persisted() {
            throw new UnsupportedOperationException();
        }

        @Override
        public OptionalInt maxValueBytes() {
            return OptionalInt.empty();
        }

        @Override
        public Duration jwtIdClockSkew() {
            return Duration.ZERO;
        }

        @Override
        public void sweepExpired() {
        }

        @Override
        public OidcStore reopen(SecretDigest digest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static final class Contract extends StoreContract {
        @Override
        protected StoreFixture newFixture() {
            return fixture;
        }
    }

    @Test
    void aWorkReturningNullRunsOnceInsideOneTransaction() {
        CountingFixture f = new CountingFixture();
        Contract c = new Contract();
        c.fixture = f;
        AtomicInteger runs = new AtomicInteger();
        Object result = c.inTransactionIfAny(() -> {
            runs.incrementAndGet();
            return null;
        });
        assertThat(result).isNull();
        assertThat(runs).as("runs of the work").hasValue(1);
        assertThat(f.commits).as("transactions").hasValue(1);
    }
}
