package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;

/**
 * Rotating {@code oidc.store.secret-pepper} ({@code <new>,<old>}): records digested under the old
 * pepper stay usable by a store configured with {@code [B, A]} (found, consumed once, replays
 * detected), new records are digested with the new pepper only, and a store configured with
 * {@code [B]} alone no longer finds the old records (they are effectively revoked). Runs over
 * every hashed kind the store hosts, through {@link StoreFixture#reopen}.
 */
@ContractFor({})
public abstract class PepperRotationContract extends StoreContract {

    private static final Set<StoreKind> HASHED = Set.of(StoreKind.AUTHORIZATION_CODES, StoreKind.REFRESH_TOKENS,
            StoreKind.OPAQUE_ACCESS_TOKENS, StoreKind.ACCESS_TOKENS, StoreKind.GRANT_REVOCATIONS,
            StoreKind.PUSHED_AUTHORIZATION_REQUESTS, StoreKind.CONSUMED_JWT_IDS, StoreKind.DEVICE_AUTHORIZATIONS,
            StoreKind.CIBA_REQUESTS);

    /** One secret of one kind: writing it, and what a store that can (or cannot) read it answers. */
    private interface Probe {
        /** Writes the secret through {@code s}; a second, {@code used} secret is written and used up. */
        void write(OidcStore s);

        /** {@code s} reads the digest: finds the live record, uses it once, sees replays. */
        void usable(OidcStore s);

        /** {@code s} cannot read the digest: every lookup is empty. */
        void unreachable(OidcStore s);

        /** The live secret. */
        String secret();
    }

    private List<StoreKind> hashedKinds() {
        List<StoreKind> kinds = new ArrayList<>(store.kinds());
        kinds.retainAll(HASHED);
        assertThat(kinds).as("hashed kinds hosted by this store").isNotEmpty();
        return kinds;
    }

    private Probe probe(StoreKind kind) {
        String live = Samples.secret(kind.configName());
        String used = Samples.secret(kind.configName());
        return switch (kind) {
            case AUTHORIZATION_CODES -> new Probe() {
                final AuthorizationCode c = samples.code().toBuilder().code(live).build();

                public void write(OidcStore s) {
                    s.authorizationCodes().save(c);
                    s.authorizationCodes().save(c.toBuilder().code(used).build());
                    s.authorizationCodes().consume(used).orElseThrow();
                }

                public void usable(OidcStore s) {
                    assertThat(s.authorizationCodes().find(live)).contains(c);
                    assertThat(s.authorizationCodes().consume(live)).contains(c.withConsumedAt(clock.now()));
                    assertThatThrownBy(() -> s.authorizationCodes().consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> s.authorizationCodes().consume(used)).isInstanceOf(AlreadyConsumedException.class);
                }

                public void unreachable(OidcStore s) {
                    assertThat(s.authorizationCodes().find(live)).isEmpty();
                    assertThat(s.authorizationCodes().consume(used)).isEmpty();
                }

                public String secret() {
                    return live;
                }
            };
            case REFRESH_TOKENS -> new Probe() {
                final RefreshToken t = samples.refreshToken().withToken(live);

                public void write(OidcStore s) {
                    s.refreshTokens().save(t, null);
                    s.refreshTokens().save(t.withToken(used), null);
                    s.refreshTokens().consume(used).orElseThrow();
                }

                public void usable(OidcStore s) {
                    assertThat(s.refreshTokens().find(live)).contains(t);
                    assertThat(s.refreshTokens().consume(live)).contains(t.withConsumedAt(clock.now()));
                    assertThatThrownBy(() -> s.refreshTokens().consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> s.refreshTokens().consume(used)).isInstanceOf(AlreadyConsumedException.class);
                }

                public void unreachable(OidcStore s) {
                    assertThat(s.refreshTokens().find(live)).isEmpty();
                    assertThat(s.refreshTokens().consume(used)).isEmpty();
                    assertThat(s.refreshTokens().revokeChain(live)).isZero();
                }

                public String secret() {
                    return live;
                }
            };
            case OPAQUE_ACCESS_TOKENS -> new Probe() {
                final OpaqueAccessToken t = samples.opaqueAccessToken("g").withToken(live);

                public void write(OidcStore s) {
                    s.opaqueAccessTokens().save(t);
                }

                public void usable(OidcStore s) {
                    assertThat(s.opaqueAccessTokens().find(live)).contains(t);
                    assertThat(s.opaqueAccessTokens().revoke(live)).isTrue();
                    assertThat(s.opaqueAccessTokens().revoke(live)).isFalse();
                }

                public void unreachable(OidcStore s) {
                    assertThat(s.opaqueAccessTokens().find(live)).isEmpty();
                    assertThat(s.opaqueAccessTokens().revoke(live)).isFalse();
                }

                public String secret() {
                    return live;
                }
            };
            case ACCESS_TOKENS -> new Probe() {
                final JwtAccessToken t = samples.jwtAccessToken("g").withJti(live);

                public void write(OidcStore s) {
                    s.accessTokens().register(t);
                }

                public void usable(OidcStore s) {
                    assertThat(s.accessTokens().find(live)).contains(t);
                    assertThat(s.accessTokens().revoke(live)).isTrue();
                    assertThat(s.accessTokens().revoke(live)).isFalse();
                }

                public void unreachable(OidcStore s) {
                    assertThat(s.accessTokens().find(live)).isEmpty();
                    assertThat(s.accessTokens().revoke(live)).isFalse();
                }

                public String secret() {
                    return live;
                }
            };
            case GRANT_REVOCATIONS -> new Probe() {
                public void write(OidcStore s) {
                    s.grantRevocations().revokeJti(live, clock.now().plusSeconds(600));
                }

                public void usable(OidcStore s) {
                    assertThat(s.grantRevocations().isRevoked(null, live, clock.now())).isTrue();
                }

                public void unreachable(OidcStore s) {
                    assertThat(s.grantRevocations().isRevoked(null, live, clock.now())).isFalse();
                }

                public String secret() {
                    return live;
                }
            };
            case PUSHED_AUTHORIZATION_REQUESTS -> new Probe() {
                final PushedAuthorizationRequest r = samples.par("client-a").withRequestUri(live);

                public void write(OidcStore s) {
                    s.pushedAuthorizationRequests().save(r);
                    s.pushedAuthorizationRequests().save(r.withRequestUri(used));
                    s.pushedAuthorizationRequests().consume(used).orElseThrow();
                }

                public void usable(OidcStore s) {
                    var pars = s.pushedAuthorizationRequests();
                    assertThat(pars.find(live)).contains(r);
                    assertThat(pars.consume(live)).contains(r);
                    assertThatThrownBy(() -> pars.consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> pars.consume(used)).isInstanceOf(AlreadyConsumedException.class);
                }

                public void unreachable(OidcStore s) {
                    assertThat(s.pushedAuthorizationRequests().find(live)).isEmpty();
                    assertThat(s.pushedAuthorizationRequests().consume(used)).isEmpty();
                }

                public String secret() {
                    return live;
                }
            };
            case CONSUMED_JWT_IDS -> new Probe() {
                public void write(OidcStore s) {
                    s.consumedJwtIds().mark(live, clock.now().plusSeconds(600));
                }

                public void usable(OidcStore s) {
                    assertThat(s.consumedJwtIds().isMarked(live)).isTrue();
                    assertThatThrownBy(() -> s.consumedJwtIds().mark(live, clock.now().plusSeconds(600)))
                            .as("a replay across the rotation").isInstanceOf(AlreadyConsumedException.class);
                }

                public void unreachable(OidcStore s) {
                    assertThat(s.consumedJwtIds().isMarked(live)).isFalse();
                }

                public String secret() {
                    return live;
                }
            };
            case DEVICE_AUTHORIZATIONS -> new Probe() {
                final DeviceAuthorization d = samples.deviceAuthorization("client-a", Samples.userCode(), live);
                final DeviceAuthorization u = samples.deviceAuthorization("client-a", Samples.userCode(), used);

                public void write(OidcStore s) {
                    s.deviceAuthorizations().save(d);
                    s.deviceAuthorizations().save(u);
                    s.deviceAuthorizations().approve(used, samples.approval("sub-alice")).orElseThrow();
                    s.deviceAuthorizations().consume(used).orElseThrow();
                }

                public void usable(OidcStore s) {
                    var das = s.deviceAuthorizations();
                    assertThat(das.find(live)).contains(d.asFoundByDeviceCode(live));
                    assertThat(das.approveByUserCode(d.userCode(), samples.approval("sub-alice"))).as("by user code")
                            .isPresent();
                    assertThat(das.consume(live)).isPresent();
                    assertThatThrownBy(() -> das.consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> das.consume(used)).isInstanceOf(AlreadyConsumedException.class);
                    assertThat(das.findByUserCode(u.userCode())).isPresent();
                }

                public void unreachable(OidcStore s) {
                    var das = s.deviceAuthorizations();
                    assertThat(das.find(live)).isEmpty();
                    assertThat(das.findByUserCode(d.userCode())).isEmpty();
                    assertThat(das.consume(used)).isEmpty();
                }

                public String secret() {
                    return live;
                }
            };
            case CIBA_REQUESTS -> new Probe() {
                final CibaRequest r = samples.cibaRequest(CibaMode.PUSH).withAuthReqId(live);

                public void write(OidcStore s) {
                    s.cibaRequests().save(r);
                    CibaRequest u = r.withAuthReqId(used);
                    s.cibaRequests().save(u);
                    s.cibaRequests().approve(used, samples.approval(r.subject())).orElseThrow();
                    s.cibaRequests().consume(used).orElseThrow();
                }

                public void usable(OidcStore s) {
                    var cibas = s.cibaRequests();
                    assertThat(cibas.find(live)).as("the notification token unsealed across the rotation").contains(r);
                    assertThat(cibas.approve(live, samples.approval(r.subject()))).isPresent();
                    assertThat(cibas.consume(live)).isPresent();
                    assertThatThrownBy(() -> cibas.consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> cibas.consume(used)).isInstanceOf(AlreadyConsumedException.class);
                }

                public void unreachable(OidcStore s) {
                    assertThat(s.cibaRequests().find(live)).isEmpty();
                    assertThat(s.cibaRequests().consume(used)).isEmpty();
                }

                public String secret() {
                    return live;
                }
            };
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    /** Writes one probe per hashed kind through a store reopened with {@code peppers}. */
    private Map<StoreKind, Probe> writtenUnder(String... peppers) {
        OidcStore writer = fixture.reopen(TestPeppers.digest(peppers));
        Map<StoreKind, Probe> probes = new EnumMap<>(StoreKind.class);
        for (StoreKind k : hashedKinds()) {
            Probe p = probe(k);
            p.write(writer);
            probes.put(k, p);
        }
        return probes;
    }

    private static Map<String, Runnable> checks(Map<StoreKind, Probe> probes, String what,
            java.util.function.Consumer<Probe> check) {
        Map<String, Runnable> out = new java.util.LinkedHashMap<>();
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
        Evidence.aboutEach(checks(probes, " written under [A], used under [B, A]", p -> p.usable(rotated)));
    }

    @Test
    @Covers(value = "save", type = AuthorizationCodeStore.class)
    @Covers(value = "save", type = PushedAuthorizationRequestStore.class)
    void newRecordsAreDigestedWithTheNewestPepperOnly() {
        Map<StoreKind, Probe> probes = writtenUnder(TestPeppers.B, TestPeppers.A);
        SecretDigest a = TestPeppers.digest(TestPeppers.A);
        SecretDigest b = TestPeppers.digest(TestPeppers.B);
        List<String> persisted = fixture.persisted().dump();
        Map<String, Runnable> digests = new java.util.LinkedHashMap<>();
        probes.forEach((kind, p) -> digests.put(kind + " written under [B, A]", () -> {
            String withB = b.digest(kind, p.secret());
            String withA = a.digest(kind, p.secret());
            assertThat(persisted).as("digest under the new pepper").anyMatch(i -> i != null && i.contains(withB));
            assertThat(persisted).as("digest under the old pepper").noneMatch(i -> i != null && i.contains(withA));
        }));
        Evidence.aboutEach(digests);
        OidcStore onlyOld = fixture.reopen(a);
        Evidence.aboutEach(checks(probes, " written under [B, A], read under [A]", p -> p.unreachable(onlyOld)));
    }

    @Test
    @Covers(value = "find", type = AuthorizationCodeStore.class)
    @Covers(value = "isMarked", type = ConsumedJwtIdStore.class)
    void droppingTheOldPepperMakesItsRecordsUnreachable() {
        Map<StoreKind, Probe> probes = writtenUnder(TestPeppers.A);
        OidcStore onlyNew = fixture.reopen(TestPeppers.digest(TestPeppers.B));
        Evidence.aboutEach(checks(probes, " written under [A], read under [B]", p -> p.unreachable(onlyNew)));
        OidcStore rotated = fixture.reopen(TestPeppers.digest(TestPeppers.B, TestPeppers.A));
        Evidence.aboutEach(checks(probes, " written under [A], used under [B, A]", p -> p.usable(rotated)));
    }
}
