package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.AuthorizationContextStore;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.SubjectErasure;

/**
 * Erasure of a subject, kind by kind ({@code eraseSubject} of each substore, and
 * {@link SessionStore#deleteBySubject} for sessions) over every kind the store hosts that holds
 * records of subjects: every record of the subject goes, in every state (live, consumed, revoked,
 * denied, expired), expired ones included, and nothing of it stays at rest; every other subject's
 * records read back as they were; the count is exact (see {@link SubjectRecords} for what is
 * counted); a second call and an unknown subject erase nothing and answer 0; a {@code null} subject
 * is a {@link NullPointerException} and a subject that could never be stored ({@link BadId}) erases
 * nothing. Runs on every tier: a volatile one hosts sessions, interactions, device and CIBA requests.
 */
@ContractFor({AuthorizationCodeStore.class, RefreshTokenStore.class, AccessTokenRegistry.class,
        OpaqueAccessTokenStore.class, AuthorizationContextStore.class, GrantStore.class, SessionStore.class, InteractionStore.class,
        DeviceAuthorizationStore.class, CibaRequestStore.class, InteractionCompareAndSwap.class, OidcStore.class})
public abstract class SubjectErasureContract extends StoreContract {

    /** The kinds that hold records of subjects, in the order {@link OidcStore#eraseSubject} visits them. */
    static final List<StoreKind> ERASABLE = List.of(StoreKind.AUTHORIZATION_CODES, StoreKind.REFRESH_TOKENS,
            StoreKind.ACCESS_TOKENS, StoreKind.OPAQUE_ACCESS_TOKENS, StoreKind.AUTHORIZATION_CONTEXTS, StoreKind.GRANTS,
            StoreKind.SESSIONS, StoreKind.INTERACTIONS, StoreKind.DEVICE_AUTHORIZATIONS, StoreKind.CIBA_REQUESTS);

    /** The erasable kinds this store hosts. */
    protected List<StoreKind> hostedErasable() {
        List<StoreKind> kinds = ERASABLE.stream().filter(store.kinds()::contains).toList();
        assertThat(kinds).as("the store hosts kinds that hold records of subjects").isNotEmpty();
        return kinds;
    }

    /** The kind's own erasure of {@code subject}. */
    protected int erase(StoreKind kind, String subject) {
        return switch (kind) {
            case AUTHORIZATION_CODES -> store.authorizationCodes().eraseSubject(subject);
            case REFRESH_TOKENS -> store.refreshTokens().eraseSubject(subject);
            case ACCESS_TOKENS -> store.accessTokens().eraseSubject(subject);
            case OPAQUE_ACCESS_TOKENS -> store.opaqueAccessTokens().eraseSubject(subject);
            case AUTHORIZATION_CONTEXTS -> store.authorizationContexts().eraseSubject(subject);
            case GRANTS -> store.grants().eraseSubject(subject);
            case SESSIONS -> store.sessions().deleteBySubject(subject);
            case INTERACTIONS -> store.interactions().eraseSubject(subject);
            case DEVICE_AUTHORIZATIONS -> store.deviceAuthorizations().eraseSubject(subject);
            case CIBA_REQUESTS -> store.cibaRequests().eraseSubject(subject);
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    SubjectRecords records() {
        return new SubjectRecords(store, samples, clock, this::inTransactionIfAny);
    }

    /** Plants {@code subject}'s records of every kind in {@code kinds}. */
    Map<StoreKind, SubjectRecords.Planted> plantAll(List<StoreKind> kinds, String subject) {
        Map<StoreKind, SubjectRecords.Planted> planted = new EnumMap<>(StoreKind.class);
        SubjectRecords records = records();
        for (StoreKind kind : kinds) {
            planted.put(kind, records.plant(kind, subject));
        }
        return planted;
    }

    @Test
    @Covers("eraseSubject")
    @Covers("deleteBySubject")
    void eachKindErasesEveryRecordOfTheSubjectInEveryStateAndNothingOfAnotherSubject() {
        List<StoreKind> kinds = hostedErasable();
        String leaving = Samples.id("sub-leaving");
        String staying = Samples.id("sub-staying");
        Map<StoreKind, SubjectRecords.Planted> gone = plantAll(kinds, leaving);
        Map<StoreKind, SubjectRecords.Planted> kept = plantAll(kinds, staying);
        clock.advance(SubjectRecords.SHORT); // the short-lived record of every kind has expired
        SubjectRecords.assertNothingAtRest(fixture, leaving, true);
        for (StoreKind kind : kinds) {
            assertThat(erase(kind, leaving)).as("%s: records of the subject erased", kind)
                    .isEqualTo(gone.get(kind).counted());
            gone.get(kind).assertGone();
            kept.get(kind).assertKept();
            assertThat(erase(kind, leaving)).as("%s: a second erasure", kind).isZero();
            assertThat(erase(kind, Samples.id("sub-unknown"))).as("%s: an unknown subject", kind).isZero();
        }
        SubjectRecords.assertNothingAtRest(fixture, leaving, false);
        SubjectRecords.assertNothingAtRest(fixture, staying, true);
        for (StoreKind kind : kinds) {
            kept.get(kind).assertKept();
        }
    }

    @Test
    @Covers("eraseSubject")
    @Covers("deleteBySubject")
    void aNullSubjectIsRefusedAndAnUnstorableOneErasesNothing() {
        List<StoreKind> kinds = hostedErasable();
        String staying = Samples.id("sub-staying");
        Map<StoreKind, SubjectRecords.Planted> kept = plantAll(kinds, staying);
        clock.advance(SubjectRecords.SHORT);
        for (StoreKind kind : kinds) {
            assertThatThrownBy(() -> erase(kind, null)).as("%s", kind).isInstanceOf(NullPointerException.class);
            for (BadId bad : BadId.all().toList()) {
                assertThat(erase(kind, bad.value())).as("%s: %s", kind, bad).isZero();
            }
        }
        assertThatThrownBy(() -> store.eraseSubject(null)).isInstanceOf(NullPointerException.class);
        for (BadId bad : BadId.all().toList()) {
            assertThat(store.eraseSubject(bad.value()).total()).as("%s", bad).isZero();
        }
        for (StoreKind kind : kinds) {
            kept.get(kind).assertKept();
        }
        SubjectRecords.assertNothingAtRest(fixture, staying, true);
    }

    @Test
    @Covers(value = "eraseSubject", type = OidcStore.class)
    void theAggregateErasesEveryHostedKindAndCountsEachOne() {
        List<StoreKind> kinds = new ArrayList<>(hostedErasable());
        if (store.userRegistry().isPresent()) {
            kinds.add(StoreKind.USERS);
        }
        String leaving = Samples.id("sub-leaving");
        String staying = Samples.id("sub-staying");
        Map<StoreKind, SubjectRecords.Planted> gone = plantAll(kinds, leaving);
        Map<StoreKind, SubjectRecords.Planted> kept = plantAll(kinds, staying);
        clock.advance(SubjectRecords.SHORT);
        Map<StoreKind, Integer> expected = new EnumMap<>(StoreKind.class);
        Map<StoreKind, Integer> zeros = new EnumMap<>(StoreKind.class);
        gone.forEach((kind, p) -> {
            expected.put(kind, p.counted());
            zeros.put(kind, 0);
        });
        SubjectErasure erased = store.eraseSubject(leaving);
        assertThat(erased.counts()).isEqualTo(expected);
        assertThat(erased.total()).isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
        gone.values().forEach(SubjectRecords.Planted::assertGone);
        kept.values().forEach(SubjectRecords.Planted::assertKept);
        SubjectRecords.assertNothingAtRest(fixture, leaving, false);
        assertThat(store.eraseSubject(leaving).counts()).as("idempotent").isEqualTo(zeros);
        assertThat(store.eraseSubject(Samples.id("sub-unknown")).counts()).isEqualTo(zeros);
        kept.values().forEach(SubjectRecords.Planted::assertKept);
    }

    /**
     * Several erasures of one subject at once (a retried request, two operators): together they
     * count every record exactly once, none fails, nothing of the subject is left.
     */
    @Test
    @Covers(value = "eraseSubject", type = OidcStore.class, race = true)
    void concurrentErasuresOfOneSubjectCountEachRecordOnce() {
        List<StoreKind> kinds = hostedErasable();
        String[] subject = new String[1];
        int[] seeded = new int[1];
        Race.<SubjectErasure>rounds(round -> {
            subject[0] = Samples.id("sub-race");
            seeded[0] = plantAll(kinds, subject[0]).values().stream().mapToInt(SubjectRecords.Planted::counted).sum();
            clock.advance(SubjectRecords.SHORT);
            String s = subject[0];
            return i -> () -> store.eraseSubject(s);
        }, (round, outcomes) -> {
            int total = 0;
            for (Race.Outcome<SubjectErasure> o : outcomes) {
                assertThat(o.error()).as("round %d", round).isNull();
                total += o.value().total();
            }
            assertThat(total).as("round %d: every record counted once", round).isEqualTo(seeded[0]);
            assertThat(store.eraseSubject(subject[0]).total()).as("round %d: nothing left", round).isZero();
            SubjectRecords.assertNothingAtRest(fixture, subject[0], false);
        });
    }

    /**
     * An interaction's subject is persisted beside its state: {@code save}, {@code find} and
     * compare-and-swap keep it, a later save can set or clear it, and only an interaction naming the
     * subject when the erasure runs is erased.
     */
    @Test
    @Covers(value = "save", type = InteractionStore.class)
    @Covers(value = "find", type = InteractionStore.class)
    @Covers(value = "compareAndSwap", type = InteractionCompareAndSwap.class)
    @Covers(value = "eraseSubject", type = InteractionStore.class)
    void anInteractionKeepsItsSubjectThroughSaveFindAndCompareAndSwap() {
        InteractionStore interactions = store.interactions();
        InteractionCompareAndSwap cas = store.interactionCompareAndSwap().orElseThrow();
        String subject = Samples.id("sub-login");
        Interaction started = samples.interaction(Samples.binaryState(1));
        interactions.save(started);
        assertThat(interactions.find(started.interactionId()).orElseThrow().subject()).isNull();
        Interaction identified = new Interaction(started.interactionId(), Samples.binaryState(2), started.createdAt(),
                started.expiresAt(), subject);
        cas.compareAndSwap(Samples.binaryState(1), identified);
        assertThat(interactions.find(started.interactionId())).contains(identified);
        Interaction stepped = new Interaction(started.interactionId(), Samples.binaryState(3), started.createdAt(),
                started.expiresAt(), subject);
        cas.compareAndSwap(Samples.binaryState(2), stepped);
        assertThat(interactions.find(started.interactionId()).orElseThrow().subject()).isEqualTo(subject);
        Interaction other = samples.interaction(Samples.binaryState(4)).withSubject(subject);
        interactions.save(other);
        assertThat(interactions.find(other.interactionId())).contains(other);
        Interaction cleared = other.withSubject(null);
        interactions.save(cleared);
        assertThat(interactions.find(other.interactionId())).contains(cleared);
        assertThat(interactions.eraseSubject(subject)).isEqualTo(1);
        assertThat(interactions.find(started.interactionId())).isEmpty();
        assertThat(interactions.find(other.interactionId())).contains(cleared);
    }
}
