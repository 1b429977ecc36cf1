package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.tck.reference.ReferenceFixture;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link RaceCaseCheck} fails a contract case whose {@code @Covers(race = true)} is not backed by a
 * {@link Race}, and one that runs a race without saying what it races; it leaves honest cases alone.
 * The contract classes below are run through the JUnit engine, on the reference backend (they are
 * static nested classes, which no build discovers by itself).
 */
class RaceCaseCheckTest {

    /** A case that claims a race and only calls the method once. */
    static class ClaimsARaceItDoesNotRun extends StoreContract {
        @Override
        protected StoreFixture newFixture() {
            return ReferenceFixture.allKinds();
        }

        @Test
        @Covers(value = "mark", type = ConsumedJwtIdStore.class, race = true)
        void marksOnce() {
            store.consumedJwtIds().mark(Samples.secret("jti"), clock.now().plusSeconds(60));
        }
    }

    /** A case that races a method without saying so. */
    static class RacesWithoutSaying extends StoreContract {
        @Override
        protected StoreFixture newFixture() {
            return ReferenceFixture.allKinds();
        }

        @Test
        @Covers(value = "mark", type = ConsumedJwtIdStore.class)
        void marksConcurrently() {
            racedMarks(this);
        }
    }

    /** An honest race case. */
    static class RacesAndSaysSo extends StoreContract {
        @Override
        protected StoreFixture newFixture() {
            return ReferenceFixture.allKinds();
        }

        @Test
        @Covers(value = "mark", type = ConsumedJwtIdStore.class, race = true)
        void marksConcurrently() {
            racedMarks(this);
        }
    }

    private static void racedMarks(StoreContract c) {
        Race.<Boolean>rounds(round -> {
            String jti = Samples.secret("jti");
            return i -> () -> {
                c.store.consumedJwtIds().mark(jti, c.clock.now().plusSeconds(60));
                return true;
            };
        }, (round, outcomes) -> Race.assertOneWinner(round, outcomes, org.oidcstore.store.AlreadyConsumedException.class));
    }

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    }

    @Test
    void aCaseMarkedAsARaceThatRunsNoRaceFails() {
        run(ClaimsARaceItDoesNotRun.class).assertStatistics(s -> s.started(1).failed(1)).assertThatEvents()
                .haveExactly(1, finishedWithFailure(message(m -> m.contains("ClaimsARaceItDoesNotRun.marksOnce says"
                        + " @Covers(race = true) but ran no Race"))));
    }

    @Test
    void aCaseThatRacesWithoutSayingSoFails() {
        run(RacesWithoutSaying.class).assertStatistics(s -> s.started(1).failed(1)).assertThatEvents()
                .haveExactly(1, finishedWithFailure(message(m -> m.contains("runs Race but no @Covers of it says"
                        + " race = true"))));
    }

    @Test
    void aCaseMarkedAsARaceThatRunsOnePasses() {
        run(RacesAndSaysSo.class).assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void everyContractOfTheKitIsChecked() {
        for (Class<?> contract : List.copyOf(ContractCoverage.CONTRACTS)) {
            assertThat(StoreContract.class).isAssignableFrom(contract);
        }
        assertThat(StoreContract.class.getAnnotation(org.junit.jupiter.api.extension.ExtendWith.class))
                .as("StoreContract registers the check").isNotNull()
                .satisfies(e -> assertThat(e.value()).contains(RaceCaseCheck.class));
    }
}
