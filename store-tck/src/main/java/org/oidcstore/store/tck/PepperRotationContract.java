package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.PepperProbes.Probe;

/**
 * Rotating {@code oidc.store.secret-pepper} ({@code <new>,<old>}): records digested under the old
 * pepper stay usable by a store configured with {@code [B, A]} (found, consumed once, replays
 * detected), new records are digested with the new pepper only, and a store configured with
 * {@code [B]} alone no longer finds the old records (they are effectively revoked). Runs over
 * every hashed kind the store hosts, through {@link StoreFixture#reopen}; the secret of each kind
 * and its checks are {@link PepperProbes}.
 */
@ContractFor({})
public abstract class PepperRotationContract extends StoreContract {

    private static final Set<StoreKind> HASHED = Set.of(StoreKind.AUTHORIZATION_CODES, StoreKind.REFRESH_TOKENS,
            StoreKind.OPAQUE_ACCESS_TOKENS, StoreKind.ACCESS_TOKENS, StoreKind.GRANT_REVOCATIONS,
            StoreKind.PUSHED_AUTHORIZATION_REQUESTS, StoreKind.CONSUMED_JWT_IDS, StoreKind.DEVICE_AUTHORIZATIONS,
            StoreKind.CIBA_REQUESTS, StoreKind.INITIAL_ACCESS_TOKENS, StoreKind.REGISTRATION_ACCESS_TOKENS,
            StoreKind.AUTHORIZATION_CONTEXTS);

    private List<StoreKind> hashedKinds() {
        List<StoreKind> kinds = new ArrayList<>(store.kinds());
        kinds.retainAll(HASHED);
        assertThat(kinds).as("hashed kinds hosted by this store").isNotEmpty();
        return kinds;
    }

    /** Writes one probe per hashed kind through a store reopened with {@code peppers}. */
    private Map<StoreKind, Probe> writtenUnder(String... peppers) {
        OidcStore writer = fixture.reopen(TestPeppers.digest(peppers));
        PepperProbes probesOf = new PepperProbes(samples, clock);
        Map<StoreKind, Probe> probes = new EnumMap<>(StoreKind.class);
        for (StoreKind k : hashedKinds()) {
            Probe p = probesOf.of(k);
            p.write().accept(writer);
            probes.put(k, p);
        }
        return probes;
    }

    private static Map<String, Runnable> checks(Map<StoreKind, Probe> probes, String what, Consumer<Probe> check) {
        Map<String, Runnable> out = new LinkedHashMap<>();
        probes.forEach((kind, p) -> out.put(kind + what, () -> check.accept(p)));
        return out;
    }

    @Test
    @Covers(value = "consume", type = AuthorizationCodeStore.class)
    @Covers(value = "consume", type = RefreshTokenStore.class)
    @Covers(value = "mark", type = ConsumedJwtIdStore.class)
    @Covers(value = "consume", type = PushedAuthorizationRequestStore.class)
    @Covers(value = "approveByUserCode", type = DeviceAuthorizationStore.class)
    @Covers(value = "find", type = CibaRequestStore.class)
    void recordsWrittenUnderTheOldPepperStayUsableWhileItIsListedSecond() {
        Map<StoreKind, Probe> probes = writtenUnder(TestPeppers.A);
        OidcStore rotated = fixture.reopen(TestPeppers.digest(TestPeppers.B, TestPeppers.A));
        Evidence.aboutEach(checks(probes, " written under [A], used under [B, A]", p -> p.usable().accept(rotated)));
    }

    @Test
    @Covers(value = "save", type = AuthorizationCodeStore.class)
    @Covers(value = "save", type = PushedAuthorizationRequestStore.class)
    void newRecordsAreDigestedWithTheNewestPepperOnly() {
        Map<StoreKind, Probe> probes = writtenUnder(TestPeppers.B, TestPeppers.A);
        SecretDigest a = TestPeppers.digest(TestPeppers.A);
        SecretDigest b = TestPeppers.digest(TestPeppers.B);
        List<String> persisted = fixture.persisted().dump();
        Map<String, Runnable> digests = new LinkedHashMap<>();
        probes.forEach((kind, p) -> digests.put(kind + " written under [B, A]", () -> {
            String withB = b.digest(kind, p.secret());
            String withA = a.digest(kind, p.secret());
            assertThat(persisted).as("digest under the new pepper").anyMatch(i -> i != null && i.contains(withB));
            assertThat(persisted).as("digest under the old pepper").noneMatch(i -> i != null && i.contains(withA));
        }));
        Evidence.aboutEach(digests);
        OidcStore onlyOld = fixture.reopen(a);
        Evidence.aboutEach(checks(probes, " written under [B, A], read under [A]", p -> p.unreachable().accept(onlyOld)));
    }

    @Test
    @Covers(value = "find", type = AuthorizationCodeStore.class)
    @Covers(value = "isMarked", type = ConsumedJwtIdStore.class)
    void droppingTheOldPepperMakesItsRecordsUnreachable() {
        Map<StoreKind, Probe> probes = writtenUnder(TestPeppers.A);
        OidcStore onlyNew = fixture.reopen(TestPeppers.digest(TestPeppers.B));
        Evidence.aboutEach(checks(probes, " written under [A], read under [B]", p -> p.unreachable().accept(onlyNew)));
        OidcStore rotated = fixture.reopen(TestPeppers.digest(TestPeppers.B, TestPeppers.A));
        Evidence.aboutEach(checks(probes, " written under [A], used under [B, A]", p -> p.usable().accept(rotated)));
    }
}
