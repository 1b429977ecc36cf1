package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;

/**
 * The races of {@link DeviceAuthorizationStore}'s single winners: consume, a revoke against consumes,
 * approvals against denials by either code, and saves of one user code. Each round races
 * {@link Race#THREADS} threads on fresh state.
 */
@ContractFor(DeviceAuthorizationStore.class)
public abstract class DeviceAuthorizationRaceContract extends StoreContract {

    private DeviceAuthorizationStore das() {
        return store.deviceAuthorizations();
    }

    private DeviceAuthorization saved() {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        das().save(d);
        return d;
    }

    private void bringTo(DeviceAuthorization d, ApprovalState state) {
        DeviceAuthorizationStoreContract.bringTo(das(), samples, d, state);
    }

    @Test
    @Covers(value = "consume", race = true)
    void concurrentConsumesHaveExactlyOneWinner() {
        Race.<Optional<DeviceAuthorization>>rounds(round -> {
            DeviceAuthorization d = samples.deviceAuthorization("client-a");
            bringTo(d, ApprovalState.APPROVED);
            return i -> () -> das().consume(d.deviceCode());
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            assertThat(outcomes).filteredOn(Race.Outcome::succeeded).allMatch(o -> o.value().isPresent());
        });
    }

    @Test
    @Covers(value = "revoke", race = true)
    @Covers(value = "consume", race = true)
    void aRevokeRacingConsumesHasExactlyOneWinnerBetweenThem() {
        DeviceAuthorization[] current = new DeviceAuthorization[1];
        Race.<Object>rounds(round -> {
            DeviceAuthorization d = samples.deviceAuthorization("client-a");
            bringTo(d, ApprovalState.APPROVED);
            current[0] = d;
            return i -> i % 2 == 0 ? () -> das().revoke(d.deviceCode()) : () -> das().consume(d.deviceCode());
        }, (round, outcomes) -> {
            ApprovalState end = das().find(current[0].deviceCode()).orElseThrow().state();
            RevokeRace.assertOneWinner(round, outcomes, end);
        });
    }

    @Test
    @Covers(value = "revoke", race = true)
    void concurrentRevokesHaveExactlyOneWinner() {
        Race.<Boolean>rounds(round -> {
            DeviceAuthorization d = saved();
            return i -> () -> das().revoke(d.deviceCode());
        }, (round, outcomes) -> {
            assertThat(outcomes).as("round %d", round).allMatch(Race.Outcome::succeeded);
            assertThat(outcomes).as("round %d: revokes answering true", round).filteredOn(o -> o.value()).hasSize(1);
        });
    }

    @Test
    @Covers(value = "approve", race = true)
    @Covers(value = "approveByUserCode", race = true)
    @Covers(value = "deny", race = true)
    @Covers(value = "denyByUserCode", race = true)
    void concurrentApprovalsAndDenialsByEitherCodeHaveExactlyOneWinner() {
        DeviceAuthorization[] current = new DeviceAuthorization[1];
        Race.<Integer>rounds(round -> {
            DeviceAuthorization d = saved();
            current[0] = d;
            return i -> () -> {
                Approval a = samples.approval("sub-" + i);
                Optional<DeviceAuthorization> r = switch (i % 4) {
                    case 0 -> das().approve(d.deviceCode(), a);
                    case 1 -> das().approveByUserCode(d.userCode(), a);
                    case 2 -> das().deny(d.deviceCode());
                    default -> das().denyByUserCode(d.userCode());
                };
                r.orElseThrow(() -> new AssertionError("a live pending request answered empty"));
                return i;
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, ConflictException.class);
            int winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
            DeviceAuthorization now = das().find(current[0].deviceCode()).orElseThrow();
            if (winner % 4 < 2) {
                assertThat(now.state()).as("round %d", round).isEqualTo(ApprovalState.APPROVED);
                assertThat(now.approval().subject()).as("round %d: the winner's approval", round).isEqualTo("sub-" + winner);
            } else {
                assertThat(now.state()).as("round %d", round).isEqualTo(ApprovalState.DENIED);
                assertThat(now.approval()).isNull();
            }
        });
    }

    @Test
    @Covers(value = "save", race = true)
    void concurrentSavesOfOneUserCodeHaveExactlyOneWinner() {
        List<List<DeviceAuthorization>> current = new java.util.ArrayList<>(List.of(List.of()));
        Race.<Integer>rounds(round -> {
            String userCode = Samples.userCode();
            List<DeviceAuthorization> contenders = new java.util.ArrayList<>();
            for (int i = 0; i < Race.THREADS; i++) {
                contenders.add(samples.deviceAuthorization("client-" + i, userCode));
            }
            current.set(0, contenders);
            return i -> () -> {
                das().save(contenders.get(i));
                return i;
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, DuplicateRecordException.class);
            int winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
            List<DeviceAuthorization> contenders = current.get(0);
            assertThat(das().findByUserCode(contenders.get(0).userCode()).orElseThrow().clientId())
                    .as("round %d", round).isEqualTo("client-" + winner);
            for (int i = 0; i < contenders.size(); i++) {
                assertThat(das().find(contenders.get(i).deviceCode()).isPresent())
                        .as("round %d: contender %d stored", round, i).isEqualTo(i == winner);
            }
        });
    }
}
