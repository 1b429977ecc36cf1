package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.Approval;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;

/**
 * Identifiers that could never be stored ({@link org.oidcstore.store.Limits}; the values are
 * {@link BadId#all()}: blank, lone surrogates, control
 * characters, too long). An operation that would create state with one is refused with
 * {@link IllegalArgumentException} and writes nothing; every lookup or mutation of existing state
 * with one gives the "absent" answer, never an exception and never a match with a stored
 * look-alike (the value an encoder, a C string or a column would turn it into). Runs over every
 * kind the store hosts; the records planted are {@link LookAlikeRecords}.
 */
@ContractFor({})
public abstract class BadIdentifierContract extends StoreContract {

    private Instant later() {
        return clock.now().plusSeconds(300);
    }

    /** Every lookup and mutation of {@code kind} with the unstorable {@code b}: each answers "absent". */
    private void probe(StoreKind kind, String b, String other) {
        Instant now = clock.now();
        switch (kind) {
            case AUTHORIZATION_CODES -> {
                AuthorizationCodeStore codes = store.authorizationCodes();
                assertThat(codes.find(b)).isEmpty();
                assertThat(codes.consume(b)).isEmpty();
            }
            case REFRESH_TOKENS -> {
                RefreshTokenStore t = store.refreshTokens();
                assertThat(t.find(b)).isEmpty();
                assertThat(t.consume(b)).isEmpty();
                assertThat(t.revokeChain(b)).isZero();
                assertThat(t.revokeByGrant(b)).isZero();
            }
            case GRANTS -> {
                GrantStore g = store.grants();
                assertThat(g.find(b)).isEmpty();
                assertThat(g.findActive(b, other)).isEmpty();
                assertThat(g.findActive(other, b)).isEmpty();
                assertThat(g.listBySubject(b, null, 10)).isEqualTo(new KeysetPage<>(List.of(), null));
                assertThat(g.listClientIds(b, null, 10)).isEqualTo(new KeysetPage<>(List.<String>of(), null));
                assertThat(g.delete(b)).isFalse();
            }
            case ACCESS_TOKENS -> {
                AccessTokenRegistry r = store.accessTokens();
                assertThat(r.find(b)).isEmpty();
                assertThat(r.revoke(b)).isFalse();
                assertThat(r.revokeByGrant(b)).isZero();
            }
            case OPAQUE_ACCESS_TOKENS -> {
                OpaqueAccessTokenStore o = store.opaqueAccessTokens();
                assertThat(o.find(b)).isEmpty();
                assertThat(o.revoke(b)).isFalse();
                assertThat(o.revokeByGrant(b)).isZero();
            }
            case AUTHORIZATION_CONTEXTS -> {
                var c = store.authorizationContexts();
                assertThat(c.find(b)).isEmpty();
                assertThat(c.findByIdToken(b)).isEmpty();
                assertThat(c.delete(b)).isFalse();
                assertThat(c.eraseSubject(b)).isZero();
            }
            case GRANT_REVOCATIONS -> {
                GrantRevocationStore r = store.grantRevocations();
                assertThat(r.isRevoked(b, null, now)).isFalse();
                assertThat(r.isRevoked(null, b, now)).isFalse();
                assertThat(r.isRevoked(b, b, now)).isFalse();
            }
            case SESSIONS -> {
                SessionStore s = store.sessions();
                assertThat(s.find(b)).isEmpty();
                assertThat(s.touch(b, now.plusSeconds(3600))).isFalse();
                assertThat(s.delete(b)).isFalse();
                assertThat(s.listByChooserGroup(b, null, 10)).isEqualTo(new KeysetPage<>(List.of(), null));
            }
            case INTERACTIONS -> {
                InteractionStore i = store.interactions();
                assertThat(i.find(b)).isEmpty();
                assertThat(i.delete(b)).isFalse();
                InteractionCompareAndSwap cas = store.interactionCompareAndSwap().orElseThrow();
                assertThatThrownBy(() -> cas.deleteIfUnchanged(b, Samples.binaryState(7)))
                        .as("deleteIfUnchanged's answer for an absent interaction").isInstanceOf(ConflictException.class);
            }
            case CONSUMED_JWT_IDS -> assertThat(store.consumedJwtIds().isMarked(b)).isFalse();
            case PUSHED_AUTHORIZATION_REQUESTS -> {
                PushedAuthorizationRequestStore p = store.pushedAuthorizationRequests();
                assertThat(p.find(b)).isEmpty();
                assertThat(p.consume(b)).isEmpty();
            }
            case DEVICE_AUTHORIZATIONS -> {
                DeviceAuthorizationStore d = store.deviceAuthorizations();
                Approval a = samples.approval("sub-alice");
                assertThat(d.find(b)).isEmpty();
                assertThat(d.findByUserCode(b)).isEmpty();
                assertThat(d.approve(b, a)).isEmpty();
                assertThat(d.approveByUserCode(b, a)).isEmpty();
                assertThat(d.deny(b)).isEmpty();
                assertThat(d.denyByUserCode(b)).isEmpty();
                assertThat(d.poll(b)).isEmpty();
                assertThat(d.consume(b)).isEmpty();
                assertThat(d.revoke(b)).isFalse();
                assertThat(d.strike(b)).isEmpty();
                assertThat(d.recordPollViolation(b)).isEmpty();
            }
            case CIBA_REQUESTS -> {
                CibaRequestStore c = store.cibaRequests();
                assertThat(c.find(b)).isEmpty();
                assertThat(c.approve(b, samples.approval("sub-alice"))).isEmpty();
                assertThat(c.deny(b)).isEmpty();
                assertThat(c.poll(b)).isEmpty();
                assertThat(c.consume(b)).isEmpty();
                assertThat(c.revoke(b)).isFalse();
            }
            case CLIENTS -> {
                assertThat(store.clients().find(b)).isEmpty();
                store.clientRegistry().ifPresent(r -> assertThat(r.delete(b)).isFalse());
            }
            case INITIAL_ACCESS_TOKENS -> {
                var t = store.initialAccessTokens();
                assertThat(t.find(b)).isEmpty();
                assertThat(t.use(b)).isEmpty();
                assertThat(t.delete(b)).isFalse();
            }
            case REGISTRATION_ACCESS_TOKENS -> {
                var t = store.registrationAccessTokens();
                assertThat(t.findByClient(b)).isEmpty();
                assertThat(t.matches(b, b)).isFalse();
                assertThat(t.matches(b, other)).isFalse();
                assertThat(t.matches(other, b)).isFalse();
                var next = new org.oidcstore.store.RegistrationAccessToken(other, Samples.secret("rat"), now, null);
                assertThatThrownBy(() -> t.rotate(b, next)).as("rotate's answer for a token that is not the live one")
                        .isInstanceOf(ConflictException.class);
                assertThat(t.delete(b)).isFalse();
            }
            case PROVIDER_METADATA -> {
                assertThat(store.providerMetadata().get(b)).isEmpty();
                assertThat(store.providerMetadata().compareAndSet(b, "v", "w")).isFalse();
            }
            case USERS -> {
                assertThat(store.users().find(b)).isEmpty();
                store.userRegistry().ifPresent(r -> assertThat(r.delete(b)).isFalse());
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    private Map<StoreKind, Runnable> perKind(java.util.function.Consumer<StoreKind> check) {
        Map<StoreKind, Runnable> out = new EnumMap<>(StoreKind.class);
        store.kinds().forEach(k -> out.put(k, () -> check.accept(k)));
        return out;
    }

    @ParameterizedTest
    @MethodSource("org.oidcstore.store.tck.BadId#all")
    @Covers(value = "find", type = AuthorizationCodeStore.class)
    @Covers(value = "revokeChain", type = RefreshTokenStore.class)
    @Covers(value = "listBySubject", type = GrantStore.class)
    @Covers(value = "isRevoked", type = GrantRevocationStore.class)
    @Covers(value = "touch", type = SessionStore.class)
    @Covers(value = "deleteIfUnchanged", type = InteractionCompareAndSwap.class)
    @Covers(value = "isMarked", type = ConsumedJwtIdStore.class)
    @Covers(value = "consume", type = PushedAuthorizationRequestStore.class)
    @Covers(value = "findByUserCode", type = DeviceAuthorizationStore.class)
    @Covers(value = "strike", type = DeviceAuthorizationStore.class)
    @Covers(value = "poll", type = CibaRequestStore.class)
    void everyLookupAndMutationWithAnUnstorableIdAnswersAbsentAndMatchesNoLookAlike(BadId bad) {
        List<String> planted = bad.lookAlikes().isEmpty() ? List.of(Samples.id("stored")) : bad.lookAlikes();
        LookAlikeRecords records = new LookAlikeRecords(store, samples, clock);
        Map<StoreKind, List<Runnable>> intact = new EnumMap<>(StoreKind.class);
        for (StoreKind k : store.kinds()) {
            if (k == StoreKind.CLIENTS && store.clientRegistry().isEmpty()
                    || k == StoreKind.USERS && store.userRegistry().isEmpty()) {
                continue; // a read-only store: nothing to plant, the probe still runs
            }
            for (String x : planted) {
                intact.computeIfAbsent(k, key -> new ArrayList<>()).add(records.plant(k, x));
            }
        }
        Evidence.assertWritesNothing(fixture, "lookups and mutations with the " + bad + " identifier",
                () -> Evidence.aboutEach(perKind(k -> probe(k, bad.value(), planted.get(0)))));
        Evidence.aboutEach(perKind(k -> intact.getOrDefault(k, List.of()).forEach(Runnable::run)));
    }

    @ParameterizedTest
    @MethodSource("org.oidcstore.store.tck.BadId#all")
    @Covers(value = "mark", type = ConsumedJwtIdStore.class)
    @Covers(value = "revokeJti", type = GrantRevocationStore.class)
    @Covers(value = "revokeGrant", type = GrantRevocationStore.class)
    @Covers(value = "save", type = RefreshTokenStore.class)
    void creatingStateWithAnUnstorableIdIsRefusedAndWritesNothing(BadId bad) {
        String b = bad.value();
        assertThat(store.kinds()).contains(StoreKind.CONSUMED_JWT_IDS);
        Evidence.assertWritesNothing(fixture, "mark", () -> assertThatThrownBy(() -> store.consumedJwtIds()
                .mark(b, later())).as("mark").isInstanceOf(IllegalArgumentException.class));
        if (store.kinds().contains(StoreKind.GRANT_REVOCATIONS)) {
            Evidence.assertWritesNothing(fixture, "revokeJti and revokeGrant", () -> {
                assertThatThrownBy(() -> store.grantRevocations().revokeJti(b, later())).as("revokeJti")
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> store.grantRevocations().revokeGrant(b, clock.now(), later()))
                        .as("revokeGrant").isInstanceOf(IllegalArgumentException.class);
            });
        }
        if (store.kinds().contains(StoreKind.REFRESH_TOKENS)) {
            RefreshToken root = samples.refreshToken();
            store.refreshTokens().save(root, null);
            store.refreshTokens().consume(root.token()).orElseThrow();
            RefreshToken child = root.successor(Samples.secret("rt"), null, clock.now(), later());
            Evidence.assertWritesNothing(fixture, "a successor of an unstorable parent", () -> assertThatThrownBy(
                    () -> store.refreshTokens().save(child, b)).as("save(child, parent)")
                    .isInstanceOf(IllegalArgumentException.class));
        }
    }

    /** The collision case: refusing {@code jti\uDC00} must not make {@code jti?} look used. */
    @ParameterizedTest
    @MethodSource("org.oidcstore.store.tck.BadId#withLookAlikes")
    @Covers(value = "mark", type = ConsumedJwtIdStore.class)
    @Covers(value = "isRevoked", type = GrantRevocationStore.class)
    void aRefusedIdNeverMakesItsLookAlikesLookUsed(BadId bad) {
        assertThatThrownBy(() -> store.consumedJwtIds().mark(bad.value(), later())).as("mark")
                .isInstanceOf(IllegalArgumentException.class);
        boolean revocations = store.kinds().contains(StoreKind.GRANT_REVOCATIONS);
        if (revocations) {
            assertThatThrownBy(() -> store.grantRevocations().revokeJti(bad.value(), later())).as("revokeJti")
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String twin : bad.lookAlikes()) {
            assertThat(store.consumedJwtIds().isMarked(twin)).as("look-alike %s", twin).isFalse();
            store.consumedJwtIds().mark(twin, later()); // no false replay
            assertThat(store.consumedJwtIds().isMarked(twin)).isTrue();
            if (revocations) {
                assertThat(store.grantRevocations().isRevoked(null, twin, clock.now())).isFalse();
            }
        }
        assertThat(store.consumedJwtIds().isMarked(bad.value())).as("the look-alikes do not match it either").isFalse();
    }

    @Test
    @Covers(value = "listByChooserGroup", type = SessionStore.class)
    @Covers(value = "isRevoked", type = GrantRevocationStore.class)
    void nullStaysANullPointerExceptionWhereTheJavadocSaysSo() {
        assertThatThrownBy(() -> store.sessions().listByChooserGroup(null, null, 10))
                .isInstanceOf(NullPointerException.class);
        if (store.kinds().contains(StoreKind.GRANT_REVOCATIONS)) {
            assertThat(store.grantRevocations().isRevoked(null, null, clock.now())).as("null is allowed here").isFalse();
        }
    }
}
