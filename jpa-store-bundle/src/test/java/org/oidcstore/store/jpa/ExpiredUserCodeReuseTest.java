package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.tck.Race;
import org.oidcstore.store.tck.Samples;

/**
 * The tier's own way of freeing an expired user code at once: its row stays in the table until
 * the GC runs, under the unique index on the user code's digest, so a save deletes an expired
 * holder of its codes before inserting, in the same transaction. Raced: {@link Race#THREADS}
 * threads save new requests holding the user code of an expired, not yet collected request; exactly
 * one commits, every other gets {@code DuplicateRecordException}, and the table then holds the
 * winner's row only (the expired one is gone).
 */
class ExpiredUserCodeReuseTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentSavesOfAnExpiredRequestsUserCodeHaveExactlyOneWinner(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        Samples samples = new Samples(f.clock());
        DeviceAuthorizationStore das = f.store().deviceAuthorizations();
        List<List<DeviceAuthorization>> current = new ArrayList<>(List.of(List.of()));
        Race.<Integer>rounds(round -> {
            String userCode = Samples.userCode();
            DeviceAuthorization old = samples.deviceAuthorization("client-old", userCode);
            das.save(old);
            f.clock().set(old.expiresAt().plus(Duration.ofMillis(1)));
            assertThat(das.findByUserCode(userCode)).as("round %d: expired, so absent", round).isEmpty();
            List<DeviceAuthorization> contenders = new ArrayList<>();
            for (int i = 0; i < Race.THREADS; i++) {
                contenders.add(samples.deviceAuthorization("client-" + i, userCode));
            }
            current.set(0, List.copyOf(contenders));
            return i -> () -> {
                das.save(contenders.get(i));
                return i;
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, DuplicateRecordException.class);
            int winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
            List<DeviceAuthorization> contenders = current.get(0);
            assertThat(das.findByUserCode(contenders.get(0).userCode()).orElseThrow().clientId())
                    .as("round %d", round).isEqualTo("client-" + winner);
            assertThat(f.count("oidc_device_authorization")).as("round %d: the winner's row only", round).isOne();
            TestStores.clear(TestStores.shared(engine));
        });
    }
}
