package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.function.Consumer;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.StoreKind;

/**
 * The secrets {@link PepperRotationContract} rotates the pepper under: for each hashed kind, one live
 * secret and one used up, how to write them, and what a store that can (or cannot) read their
 * digests answers.
 */
final class PepperProbes {

    /**
     * One secret of one kind: writing it, and what a store that can (or cannot) read it answers.
     *
     * @param secret the live secret
     * @param write writes the secret through a store; a second, used secret is written and used up
     * @param usable the store reads the digest: finds the live record, uses it once, sees replays
     * @param unreachable the store cannot read the digest: every lookup is empty
     */
    record Probe(String secret, Consumer<OidcStore> write, Consumer<OidcStore> usable,
            Consumer<OidcStore> unreachable) {
    }

    private final Samples samples;
    private final MutableClock clock;

    PepperProbes(Samples samples, MutableClock clock) {
        this.samples = samples;
        this.clock = clock;
    }

    /** A probe of {@code kind} with fresh secrets; the kind must be hashed. */
    Probe of(StoreKind kind) {
        String live = Samples.secret(kind.configName());
        String used = Samples.secret(kind.configName());
        return switch (kind) {
            case AUTHORIZATION_CODES -> {
                AuthorizationCode c = samples.code().toBuilder().code(live).build();
                yield new Probe(live, s -> {
                    s.authorizationCodes().save(c);
                    s.authorizationCodes().save(c.toBuilder().code(used).build());
                    s.authorizationCodes().consume(used).orElseThrow();
                }, s -> {
                    assertThat(s.authorizationCodes().find(live)).contains(c);
                    assertThat(s.authorizationCodes().consume(live)).contains(c.withConsumedAt(clock.now()));
                    assertThatThrownBy(() -> s.authorizationCodes().consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> s.authorizationCodes().consume(used)).isInstanceOf(AlreadyConsumedException.class);
                }, s -> {
                    assertThat(s.authorizationCodes().find(live)).isEmpty();
                    assertThat(s.authorizationCodes().consume(used)).isEmpty();
                });
            }
            case REFRESH_TOKENS -> {
                RefreshToken t = samples.refreshToken().withToken(live);
                yield new Probe(live, s -> {
                    s.refreshTokens().save(t, null);
                    s.refreshTokens().save(t.withToken(used), null);
                    s.refreshTokens().consume(used).orElseThrow();
                }, s -> {
                    assertThat(s.refreshTokens().find(live)).contains(t);
                    assertThat(s.refreshTokens().consume(live)).contains(t.withConsumedAt(clock.now()));
                    assertThatThrownBy(() -> s.refreshTokens().consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> s.refreshTokens().consume(used)).isInstanceOf(AlreadyConsumedException.class);
                }, s -> {
                    assertThat(s.refreshTokens().find(live)).isEmpty();
                    assertThat(s.refreshTokens().consume(used)).isEmpty();
                    assertThat(s.refreshTokens().revokeChain(live)).isZero();
                });
            }
            case OPAQUE_ACCESS_TOKENS -> {
                OpaqueAccessToken t = samples.opaqueAccessToken("g").withToken(live);
                yield new Probe(live, s -> s.opaqueAccessTokens().save(t), s -> {
                    assertThat(s.opaqueAccessTokens().find(live)).contains(t);
                    assertThat(s.opaqueAccessTokens().revoke(live)).isTrue();
                    assertThat(s.opaqueAccessTokens().revoke(live)).isFalse();
                }, s -> {
                    assertThat(s.opaqueAccessTokens().find(live)).isEmpty();
                    assertThat(s.opaqueAccessTokens().revoke(live)).isFalse();
                });
            }
            case AUTHORIZATION_CONTEXTS -> {
                // the ID token is the digested secret; the context itself may also be sealed under
                // the pepper (JPA), so only the lookup by ID token is checked when it cannot be read
                String grantId = "ctx-" + java.util.UUID.randomUUID();
                String usedGrant = "ctx-" + java.util.UUID.randomUUID();
                AuthorizationContext c = new AuthorizationContext(grantId, "subject-p", "client-a",
                        Samples.binaryState(9), clock.now(), clock.now().plusSeconds(600));
                AuthorizationContext u = new AuthorizationContext(usedGrant, "subject-p", "client-a",
                        Samples.binaryState(5), clock.now(), clock.now().plusSeconds(600));
                yield new Probe(live, s -> {
                    s.authorizationContexts().save(c, live);
                    s.authorizationContexts().save(u, used);
                    s.authorizationContexts().save(u, Samples.secret("id-token")); // used: replaced
                }, s -> {
                    assertThat(s.authorizationContexts().findByIdToken(live)).contains(c);
                    assertThat(s.authorizationContexts().find(grantId)).contains(c);
                    assertThat(s.authorizationContexts().findByIdToken(used)).as("a replaced ID token").isEmpty();
                }, s -> assertThat(s.authorizationContexts().findByIdToken(live)).isEmpty());
            }
            case ACCESS_TOKENS -> {
                JwtAccessToken t = samples.jwtAccessToken("g").withJti(live);
                yield new Probe(live, s -> s.accessTokens().register(t), s -> {
                    assertThat(s.accessTokens().find(live)).contains(t);
                    assertThat(s.accessTokens().revoke(live)).isTrue();
                    assertThat(s.accessTokens().revoke(live)).isFalse();
                }, s -> {
                    assertThat(s.accessTokens().find(live)).isEmpty();
                    assertThat(s.accessTokens().revoke(live)).isFalse();
                });
            }
            case GRANT_REVOCATIONS -> new Probe(live,
                    s -> s.grantRevocations().revokeJti(live, clock.now().plusSeconds(600)),
                    s -> assertThat(s.grantRevocations().isRevoked(null, live, clock.now())).isTrue(),
                    s -> assertThat(s.grantRevocations().isRevoked(null, live, clock.now())).isFalse());
            case PUSHED_AUTHORIZATION_REQUESTS -> {
                PushedAuthorizationRequest r = samples.par("client-a").withRequestUri(live);
                yield new Probe(live, s -> {
                    s.pushedAuthorizationRequests().save(r);
                    s.pushedAuthorizationRequests().save(r.withRequestUri(used));
                    s.pushedAuthorizationRequests().consume(used).orElseThrow();
                }, s -> {
                    var pars = s.pushedAuthorizationRequests();
                    assertThat(pars.find(live)).contains(r);
                    assertThat(pars.consume(live)).contains(r);
                    assertThatThrownBy(() -> pars.consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> pars.consume(used)).isInstanceOf(AlreadyConsumedException.class);
                }, s -> {
                    assertThat(s.pushedAuthorizationRequests().find(live)).isEmpty();
                    assertThat(s.pushedAuthorizationRequests().consume(used)).isEmpty();
                });
            }
            case CONSUMED_JWT_IDS -> new Probe(live, s -> s.consumedJwtIds().mark(live, clock.now().plusSeconds(600)),
                    s -> {
                        assertThat(s.consumedJwtIds().isMarked(live)).isTrue();
                        assertThatThrownBy(() -> s.consumedJwtIds().mark(live, clock.now().plusSeconds(600)))
                                .as("a replay across the rotation").isInstanceOf(AlreadyConsumedException.class);
                    }, s -> assertThat(s.consumedJwtIds().isMarked(live)).isFalse());
            case DEVICE_AUTHORIZATIONS -> {
                DeviceAuthorization d = samples.deviceAuthorization("client-a", Samples.userCode(), live);
                DeviceAuthorization u = samples.deviceAuthorization("client-a", Samples.userCode(), used);
                yield new Probe(live, s -> {
                    s.deviceAuthorizations().save(d);
                    s.deviceAuthorizations().save(u);
                    s.deviceAuthorizations().approve(used, samples.approval("sub-alice")).orElseThrow();
                    s.deviceAuthorizations().consume(used).orElseThrow();
                }, s -> {
                    var das = s.deviceAuthorizations();
                    assertThat(das.find(live)).contains(d.asFoundByDeviceCode(live));
                    assertThat(das.approveByUserCode(d.userCode(), samples.approval("sub-alice"))).as("by user code")
                            .isPresent();
                    assertThat(das.consume(live)).isPresent();
                    assertThatThrownBy(() -> das.consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> das.consume(used)).isInstanceOf(AlreadyConsumedException.class);
                    assertThat(das.findByUserCode(u.userCode())).isPresent();
                }, s -> {
                    var das = s.deviceAuthorizations();
                    assertThat(das.find(live)).isEmpty();
                    assertThat(das.findByUserCode(d.userCode())).isEmpty();
                    assertThat(das.consume(used)).isEmpty();
                });
            }
            case CIBA_REQUESTS -> {
                CibaRequest r = samples.cibaRequest(CibaMode.PUSH).withAuthReqId(live);
                yield new Probe(live, s -> {
                    s.cibaRequests().save(r);
                    CibaRequest u = r.withAuthReqId(used);
                    s.cibaRequests().save(u);
                    s.cibaRequests().approve(used, samples.approval(r.subject())).orElseThrow();
                    s.cibaRequests().consume(used).orElseThrow();
                }, s -> {
                    var cibas = s.cibaRequests();
                    assertThat(cibas.find(live)).as("the notification token unsealed across the rotation").contains(r);
                    assertThat(cibas.approve(live, samples.approval(r.subject()))).isPresent();
                    assertThat(cibas.consume(live)).isPresent();
                    assertThatThrownBy(() -> cibas.consume(live)).isInstanceOf(AlreadyConsumedException.class);
                    assertThatThrownBy(() -> cibas.consume(used)).isInstanceOf(AlreadyConsumedException.class);
                }, s -> {
                    assertThat(s.cibaRequests().find(live)).isEmpty();
                    assertThat(s.cibaRequests().consume(used)).isEmpty();
                });
            }
            case INITIAL_ACCESS_TOKENS -> {
                InitialAccessToken t = InitialAccessToken.issue(live, clock.now(), clock.now().plusSeconds(600), 2, null);
                yield new Probe(live, s -> {
                    s.initialAccessTokens().save(t);
                    s.initialAccessTokens().save(InitialAccessToken.issue(used, clock.now(), null, 1, null));
                    s.initialAccessTokens().use(used).orElseThrow();
                }, s -> {
                    assertThat(s.initialAccessTokens().find(live)).contains(t);
                    assertThat(s.initialAccessTokens().use(live)).isEqualTo(OptionalInt.of(1));
                    assertThatThrownBy(() -> s.initialAccessTokens().use(used)).as("exhausted")
                            .isInstanceOf(ConflictException.class);
                }, s -> {
                    assertThat(s.initialAccessTokens().find(live)).isEmpty();
                    assertThat(s.initialAccessTokens().use(used)).isEmpty();
                });
            }
            case REGISTRATION_ACCESS_TOKENS -> {
                RegistrationAccessToken t = new RegistrationAccessToken(Samples.id("client"), live, clock.now(), null);
                yield new Probe(live, s -> s.registrationAccessTokens().save(t), s -> {
                    var rats = s.registrationAccessTokens();
                    assertThat(rats.matches(t.clientId(), live)).isTrue();
                    RegistrationAccessToken next = new RegistrationAccessToken(t.clientId(), Samples.secret("rat"),
                            clock.now(), null);
                    rats.rotate(live, next);
                    assertThat(rats.matches(t.clientId(), next.token())).isTrue();
                    assertThat(rats.matches(t.clientId(), live)).isFalse();
                }, s -> {
                    var rats = s.registrationAccessTokens();
                    assertThat(rats.matches(t.clientId(), live)).isFalse();
                    assertThatThrownBy(() -> rats.rotate(live, new RegistrationAccessToken(t.clientId(),
                            Samples.secret("rat"), clock.now(), null))).isInstanceOf(ConflictException.class);
                });
            }
            default -> throw new IllegalArgumentException(kind.name());
        };
    }
}
