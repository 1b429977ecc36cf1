package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.StoreKind;

/**
 * The records {@link BadIdentifierContract} plants under storable identifiers (the look-alikes of an
 * unstorable one, or a plain id), one per kind and identifier, each with the check that it is still
 * intact once the unstorable identifier has been tried everywhere. One instance per test.
 */
final class LookAlikeRecords {

    private final OidcStore store;
    private final Samples samples;
    private final MutableClock clock;
    /** The normalised user codes planted in this test: look-alikes may normalise alike ({@code jti?}, {@code jti\uFFFD}). */
    private final Set<String> plantedUserCodes = new HashSet<>();

    LookAlikeRecords(OidcStore store, Samples samples, MutableClock clock) {
        this.store = store;
        this.samples = samples;
        this.clock = clock;
    }

    private Instant later() {
        return clock.now().plusSeconds(300);
    }

    /** Plants a record of {@code kind} under the storable id {@code x}; returns the check that it is intact. */
    Runnable plant(StoreKind kind, String x) {
        switch (kind) {
            case AUTHORIZATION_CODES -> {
                var c = samples.code(x).toBuilder().code(x).build();
                store.authorizationCodes().save(c);
                return () -> assertThat(store.authorizationCodes().find(x)).contains(c);
            }
            case REFRESH_TOKENS -> {
                RefreshToken t = samples.refreshToken(x).withToken(x);
                store.refreshTokens().save(t, null);
                return () -> assertThat(store.refreshTokens().find(x)).contains(t);
            }
            case GRANTS -> {
                var g = store.grants().save(samples.grant(x, x).toBuilder().grantId(x).build());
                return () -> {
                    assertThat(store.grants().find(x)).contains(g);
                    assertThat(store.grants().listClientIds(x, null, 10).items()).containsExactly(x);
                };
            }
            case ACCESS_TOKENS -> {
                var t = samples.jwtAccessToken(x).withJti(x);
                store.accessTokens().register(t);
                return () -> assertThat(store.accessTokens().find(x)).contains(t);
            }
            case OPAQUE_ACCESS_TOKENS -> {
                var t = samples.opaqueAccessToken(x).withToken(x);
                store.opaqueAccessTokens().save(t);
                return () -> assertThat(store.opaqueAccessTokens().find(x)).contains(t);
            }
            case AUTHORIZATION_CONTEXTS -> {
                var c = new AuthorizationContext(x, x, x, Samples.binaryState(7), clock.now(), later());
                store.authorizationContexts().save(c, x);
                return () -> {
                    assertThat(store.authorizationContexts().find(x)).contains(c);
                    assertThat(store.authorizationContexts().findByIdToken(x)).contains(c);
                };
            }
            case GRANT_REVOCATIONS -> {
                Instant at = clock.now();
                store.grantRevocations().revokeGrant(x, at, later());
                store.grantRevocations().revokeJti(x, later());
                return () -> assertThat(store.grantRevocations().isRevoked(x, null, at)
                        && store.grantRevocations().isRevoked(null, x, at)).isTrue();
            }
            case SESSIONS -> {
                var s = samples.session(x).toBuilder().sessionId(x).build();
                store.sessions().save(s);
                return () -> assertThat(store.sessions().listByChooserGroup(x, null, 10).items()).containsExactly(s);
            }
            case INTERACTIONS -> {
                var i = new Interaction(x, Samples.binaryState(7), clock.now(), later());
                store.interactions().save(i);
                return () -> assertThat(store.interactions().find(x)).contains(i);
            }
            case CONSUMED_JWT_IDS -> {
                store.consumedJwtIds().mark(x, later());
                return () -> assertThat(store.consumedJwtIds().isMarked(x)).isTrue();
            }
            case PUSHED_AUTHORIZATION_REQUESTS -> {
                var r = samples.par("client-a").withRequestUri(x);
                store.pushedAuthorizationRequests().save(r);
                return () -> assertThat(store.pushedAuthorizationRequests().find(x)).contains(r);
            }
            case DEVICE_AUTHORIZATIONS -> {
                // x as the device code and, unless one planted before normalises alike, as the user code
                String userCode = plantedUserCodes.add(DeviceAuthorization.normalizeUserCode(x)) ? x : Samples.userCode();
                var d = samples.deviceAuthorization("client-a", userCode, x);
                store.deviceAuthorizations().save(d);
                return () -> {
                    assertThat(store.deviceAuthorizations().find(x)).contains(d.asFoundByDeviceCode(x));
                    assertThat(store.deviceAuthorizations().findByUserCode(userCode)).contains(d.asFoundByUserCode(userCode));
                };
            }
            case CIBA_REQUESTS -> {
                var r = samples.cibaRequest(CibaMode.PING).withAuthReqId(x);
                store.cibaRequests().save(r);
                return () -> assertThat(store.cibaRequests().find(x)).contains(r);
            }
            case CLIENTS -> {
                var c = samples.client(x);
                store.clientRegistry().orElseThrow().register(c);
                return () -> assertThat(store.clients().find(x)).contains(c);
            }
            case INITIAL_ACCESS_TOKENS -> {
                var t = InitialAccessToken.issue(x, clock.now(), later(), 5, null);
                store.initialAccessTokens().save(t);
                return () -> assertThat(store.initialAccessTokens().find(x)).contains(t);
            }
            case REGISTRATION_ACCESS_TOKENS -> {
                var t = new RegistrationAccessToken(x, x, clock.now(), null);
                store.registrationAccessTokens().save(t);
                return () -> {
                    assertThat(store.registrationAccessTokens().matches(x, x)).isTrue();
                    assertThat(store.registrationAccessTokens().findByClient(x)).contains(t.withoutToken());
                };
            }
            case PROVIDER_METADATA -> {
                store.providerMetadata().set(x, "v");
                return () -> assertThat(store.providerMetadata().get(x)).contains("v");
            }
            case USERS -> {
                var u = samples.user(x);
                store.userRegistry().orElseThrow().save(u);
                return () -> assertThat(store.users().find(x)).contains(u);
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }
}
