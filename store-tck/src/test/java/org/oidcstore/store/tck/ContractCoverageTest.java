package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SingleWinner;

class ContractCoverageTest {

    @Test
    void theScanFindsEverySubstoreInterfaceAndItsExtensions() {
        List<Class<?>> api = ContractCoverage.apiInterfaces();
        for (StoreKind k : StoreKind.values()) {
            assertThat(api).contains(k.storeType());
        }
        assertThat(api).contains(OidcStore.class, ClientRegistry.class, InteractionCompareAndSwap.class);
    }

    @Test
    void everyPublicMethodOfEveryApiInterfaceHasAContractCase() {
        assertThat(ContractCoverage.uncovered(ContractCoverage.apiInterfaces())).isEmpty();
    }

    /** A deliberately uncovered interface: the guard must name the method nobody tests. */
    interface HalfTested {
        void tested();

        void forgotten();

        static void helper() {
        }
    }

    @ContractFor(HalfTested.class)
    static class HalfTestedContract {
        @Covers("tested")
        void aCase() {
        }
    }

    @Test
    void anInterfaceMethodWithoutCaseIsReported() {
        assertThat(ContractCoverage.uncovered(List.of(HalfTested.class),
                ContractCoverage.casesOf(List.of(HalfTestedContract.class))))
                .containsExactly("HalfTested.forgotten");
    }

    @Test
    void aCaseNamingAnotherTypeCoversThatTypeOnly() {
        assertThat(ContractCoverage.uncovered(List.of(HalfTested.class, AuthorizationCodeStore.class),
                ContractCoverage.casesOf(List.of(HalfTestedContract.class))))
                .contains("AuthorizationCodeStore.consume", "AuthorizationCodeStore.find",
                        "AuthorizationCodeStore.save", "HalfTested.forgotten");
    }

    /**
     * Removing a case that is the only one covering a method makes the guard fail, for every such
     * case of the real TCK (and there must be some, or this test would prove nothing).
     */
    @Test
    void removingTheOnlyCaseOfAMethodMakesTheGuardFail() {
        List<Class<?>> api = ContractCoverage.apiInterfaces();
        List<Method> all = ContractCoverage.casesOf(ContractCoverage.CONTRACTS);
        List<String> detected = new ArrayList<>();
        for (Method removed : all) {
            List<Method> rest = new ArrayList<>(all);
            rest.remove(removed);
            List<String> missing = ContractCoverage.uncovered(api, rest);
            if (!missing.isEmpty()) {
                detected.add(removed.getName() + " -> " + missing);
            }
        }
        assertThat(detected).isNotEmpty();
        assertThat(detected).anySatisfy(d -> assertThat(d).contains("OidcStore.unsafeSettings"));
    }

    @Test
    void theScanFindsEverySingleWinnerMethodOfTheApi() {
        assertThat(ContractCoverage.singleWinners(ContractCoverage.apiInterfaces())).contains(
                "AuthorizationCodeStore.consume", "RefreshTokenStore.consume", "RefreshTokenStore.save",
                "GrantStore.save", "InteractionCompareAndSwap.compareAndSwap",
                "InteractionCompareAndSwap.deleteIfUnchanged", "ConsumedJwtIdStore.mark",
                "PushedAuthorizationRequestStore.consume", "DeviceAuthorizationStore.consume",
                "DeviceAuthorizationStore.save", "DeviceAuthorizationStore.approveByUserCode", "DeviceAuthorizationStore.revoke",
                "CibaRequestStore.consume", "CibaRequestStore.approve", "CibaRequestStore.deny", "CibaRequestStore.revoke");
    }

    @Test
    void theScanFindsTheSingleWinnerMethodsOfDynamicRegistration() {
        assertThat(ContractCoverage.singleWinners(ContractCoverage.apiInterfaces())).contains(
                "InitialAccessTokenStore.use", "RegistrationAccessTokenStore.save", "RegistrationAccessTokenStore.rotate",
                "ProviderMetadataStore.compareAndSet");
    }

    @Test
    void everySingleWinnerMethodHasACaseThatRacesIt() {
        assertThat(ContractCoverage.unraced(ContractCoverage.apiInterfaces())).isEmpty();
    }

    /** A deliberately half-raced interface: a case that calls a single-winner method once is no race. */
    interface Contested {
        @SingleWinner
        void claim();

        @SingleWinner
        void swap();

        void read();
    }

    @ContractFor(Contested.class)
    static class ContestedContract {
        @Covers(value = "claim", race = true)
        void claimsRace() {
        }

        @Covers("swap")
        @Covers(value = "read", race = true)
        void swapsOnceWhileReadsRace() {
        }
    }

    @Test
    void aSingleWinnerMethodWhoseCasesDoNotRaceItIsReported() {
        List<Method> cases = ContractCoverage.casesOf(List.of(ContestedContract.class));
        assertThat(ContractCoverage.uncovered(List.of(Contested.class), cases)).as("every method has a case").isEmpty();
        assertThat(ContractCoverage.singleWinners(List.of(Contested.class))).containsExactly("Contested.claim",
                "Contested.swap");
        assertThat(ContractCoverage.unraced(List.of(Contested.class), cases)).containsExactly("Contested.swap");
    }

    /**
     * Removing a race case that is the only one racing a method makes the guard fail, for every such
     * case of the real TCK (and there must be some, or this test would prove nothing).
     */
    @Test
    void removingTheOnlyRaceCaseOfAMethodMakesTheGuardFail() {
        List<Class<?>> api = ContractCoverage.apiInterfaces();
        List<Method> all = ContractCoverage.casesOf(ContractCoverage.CONTRACTS);
        List<String> before = ContractCoverage.unraced(api, all);
        List<String> detected = new ArrayList<>();
        for (Method removed : all) {
            List<Method> rest = new ArrayList<>(all);
            rest.remove(removed);
            List<String> missing = new ArrayList<>(ContractCoverage.unraced(api, rest));
            missing.removeAll(before);
            if (!missing.isEmpty()) {
                detected.add(removed.getName() + " -> " + missing);
            }
        }
        assertThat(detected).anySatisfy(d -> assertThat(d).contains("PushedAuthorizationRequestStore.consume"));
        assertThat(detected).anySatisfy(d -> assertThat(d).contains("GrantStore.save"));
    }

    @Test
    void refreshRotationIsCoveredBySeveralCases() {
        long cases = ContractCoverage.casesOf(ContractCoverage.CONTRACTS).stream()
                .filter(m -> m.getDeclaringClass() == RefreshTokenRotationContract.class).count();
        assertThat(cases).isGreaterThanOrEqualTo(5);
        assertThat(ContractCoverage.uncovered(List.of(RefreshTokenStore.class))).isEmpty();
    }

    /** The contract classes every suite nests, by the contract each nested class extends. */
    private static List<Class<?>> nestedContracts(Class<?> suite) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c = suite; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> nested : c.getDeclaredClasses()) { // JUnit runs inherited nested classes too
                out.add(nested.getSuperclass());
            }
        }
        return out;
    }

    @Test
    void theAllKindsSuiteRunsEveryListedContract() {
        assertThat(nestedContracts(AllKindsSuite.class)).containsExactlyInAnyOrderElementsOf(ContractCoverage.CONTRACTS);
    }

    @Test
    void theVolatileTierSuiteRunsEveryContractOfTheVolatileKinds() {
        assertThat(nestedContracts(VolatileTierSuite.class)).containsExactlyInAnyOrder(OidcStoreContract.class,
                SessionStoreContract.class, InteractionStoreContract.class, ConsumedJwtIdStoreContract.class,
                PushedAuthorizationRequestStoreContract.class, DeviceAuthorizationStoreContract.class,
                DeviceAuthorizationCodesContract.class, DeviceAuthorizationPollingContract.class,
                DeviceAuthorizationRaceContract.class,
                CibaRequestStoreContract.class, CibaRequestPollingContract.class, CibaRequestRaceContract.class,
                NamespaceContract.class, BadIdentifierContract.class,
                ValueSizeContract.class, PepperRotationContract.class, SessionPagingContract.class,
                SubjectSessionsContract.class,
                MessageSecrecyContract.class, SubjectErasureContract.class);
    }

    @Test
    void testPeppersNameTheConfigurationOfEachDigestTheyBuild() {
        assertThat(TestPeppers.configValue(TestPeppers.digest(TestPeppers.B, TestPeppers.A)))
                .isEqualTo(TestPeppers.B + "," + TestPeppers.A);
        assertThat(TestPeppers.configValue(TestPeppers.digest(TestPeppers.A))).isEqualTo(TestPeppers.A);
        assertThat(TestPeppers.digest(TestPeppers.B).pepperCount()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestPeppers.configValue(
                org.oidcstore.store.spi.SecretDigest.randomPepper())).isInstanceOf(IllegalArgumentException.class);
    }
}
