package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Grant;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;

/**
 * Records of one subject planted in one kind, in every state the kind has (live, consumed, revoked,
 * denied, and short-lived ones that {@link #SHORT} later expires), with what an erasure must
 * answer for them and how to check them afterwards. The erasure contracts plant two subjects alike,
 * erase one and read the other back.
 *
 * <p>What an erasure counts: for the kinds of the transactional cluster (durable: their records stay
 * until purged) every record it deletes, expired ones included; for the kinds that may live on a
 * volatile tier (sessions, interactions, device and CIBA requests, whose expired records an engine
 * may already have dropped) the records that were not expired, as {@code SessionStore.deleteBySubject}
 * counts. Expired records are deleted all the same: {@link #assertNothingAtRest} checks it.
 */
final class SubjectRecords {

    /** The lifetime of the records planted to expire: the contract advances the clock past it. */
    static final Duration SHORT = Duration.ofSeconds(30);

    /** One kind's records of one subject: how many an erasure counts, and their read-back checks. */
    record Planted(StoreKind kind, int counted, List<Runnable> keptChecks, List<Runnable> goneChecks) {

        /** Every record of the subject that was live reads back exactly as planted. */
        void assertKept() {
            keptChecks.forEach(Runnable::run);
        }

        /** No record of the subject is found any more. */
        void assertGone() {
            goneChecks.forEach(Runnable::run);
        }
    }

    private final OidcStore store;
    private final Samples samples;
    private final MutableClock clock;
    private final java.util.function.Function<Supplier<Object>, Object> inTransaction;

    SubjectRecords(OidcStore store, Samples samples, MutableClock clock,
            java.util.function.Function<Supplier<Object>, Object> inTransaction) {
        this.store = store;
        this.samples = samples;
        this.clock = clock;
        this.inTransaction = inTransaction;
    }

    private Instant soon() {
        return clock.now().plus(SHORT);
    }

    /** Plants {@code subject}'s records of {@code kind}; the caller then advances the clock by {@link #SHORT}. */
    Planted plant(StoreKind kind, String subject) {
        List<Runnable> kept = new ArrayList<>();
        List<Runnable> gone = new ArrayList<>();
        int counted = switch (kind) {
            case AUTHORIZATION_CODES -> codes(subject, kept, gone);
            case REFRESH_TOKENS -> refreshTokens(subject, kept, gone);
            case ACCESS_TOKENS -> accessTokens(subject, kept, gone);
            case OPAQUE_ACCESS_TOKENS -> opaqueTokens(subject, kept, gone);
            case AUTHORIZATION_CONTEXTS -> contexts(subject, kept, gone);
            case GRANTS -> grants(subject, kept, gone);
            case SESSIONS -> sessions(subject, kept, gone);
            case INTERACTIONS -> interactions(subject, kept, gone);
            case DEVICE_AUTHORIZATIONS -> SubjectRequests.device(store, samples, soon(), subject, kept, gone);
            case CIBA_REQUESTS -> SubjectRequests.ciba(store, samples, soon(), subject, kept, gone);
            case USERS -> {
                var user = samples.user(subject);
                store.userRegistry().orElseThrow().save(user);
                kept.add(() -> assertThat(store.userRegistry().orElseThrow().find(subject)).contains(user));
                gone.add(() -> assertThat(store.userRegistry().orElseThrow().find(subject)).isEmpty());
                yield 1;
            }
            default -> throw new IllegalArgumentException(kind + " holds no records of a subject");
        };
        return new Planted(kind, counted, kept, gone);
    }

    private int codes(String subject, List<Runnable> kept, List<Runnable> gone) {
        AuthorizationCode live = samples.code().toBuilder().subject(subject).build();
        AuthorizationCode used = samples.code().toBuilder().subject(subject).build();
        AuthorizationCode fading = samples.code().toBuilder().subject(subject).expiresAt(soon()).build();
        for (AuthorizationCode c : List.of(live, used, fading)) {
            store.authorizationCodes().save(c);
        }
        assertThat(store.authorizationCodes().consume(used.code())).isPresent();
        kept.add(() -> assertThat(store.authorizationCodes().find(live.code())).contains(live));
        kept.add(() -> assertThat(store.authorizationCodes().find(used.code()).orElseThrow().consumedAt()).isNotNull());
        for (AuthorizationCode c : List.of(live, used)) {
            gone.add(() -> assertThat(store.authorizationCodes().find(c.code())).isEmpty());
        }
        return 3;
    }

    private int refreshTokens(String subject, List<Runnable> kept, List<Runnable> gone) {
        String grantId = Samples.id("grant");
        RefreshToken root = samples.refreshToken(grantId).toBuilder().subject(subject).build();
        store.refreshTokens().save(root, null);
        RefreshToken child = (RefreshToken) inTransaction.apply(() -> {
            RefreshToken used = store.refreshTokens().consume(root.token()).orElseThrow();
            RefreshToken next = used.successor(Samples.secret("rt"), null, clock.now(), clock.now().plus(Duration.ofDays(1)));
            store.refreshTokens().save(next, root.token());
            return next;
        });
        RefreshToken revoked = samples.refreshToken().toBuilder().subject(subject).build();
        store.refreshTokens().save(revoked, null);
        assertThat(store.refreshTokens().revokeChain(revoked.token())).isEqualTo(1);
        RefreshToken fading = samples.refreshToken().toBuilder().subject(subject).expiresAt(soon()).build();
        store.refreshTokens().save(fading, null);
        kept.add(() -> assertThat(store.refreshTokens().find(child.token())).contains(child));
        kept.add(() -> assertThat(store.refreshTokens().find(root.token()).orElseThrow().consumedAt()).isNotNull());
        kept.add(() -> assertThat(store.refreshTokens().find(revoked.token()).orElseThrow().revoked()).isTrue());
        for (RefreshToken t : List.of(root, child, revoked)) {
            gone.add(() -> assertThat(store.refreshTokens().find(t.token())).isEmpty());
        }
        return 4;
    }

    private int accessTokens(String subject, List<Runnable> kept, List<Runnable> gone) {
        JwtAccessToken live = jwt(subject, samples.expiry());
        JwtAccessToken revoked = jwt(subject, samples.expiry());
        JwtAccessToken fading = jwt(subject, soon());
        for (JwtAccessToken t : List.of(live, revoked, fading)) {
            store.accessTokens().register(t);
        }
        assertThat(store.accessTokens().revoke(revoked.jti())).isTrue();
        kept.add(() -> assertThat(store.accessTokens().find(live.jti())).contains(live));
        kept.add(() -> assertThat(store.accessTokens().find(revoked.jti())).contains(revoked.withRevoked(true)));
        for (JwtAccessToken t : List.of(live, revoked)) {
            gone.add(() -> assertThat(store.accessTokens().find(t.jti())).isEmpty());
        }
        return 3;
    }

    /** A JWT access-token row of {@code subject} issued now under a fresh grant. */
    JwtAccessToken jwt(String subject, Instant expiresAt) {
        return new JwtAccessToken(Samples.secret("jti"), "client-a", subject, Samples.id("grant"), Set.of("openid"),
                clock.now(), expiresAt, false);
    }

    private int opaqueTokens(String subject, List<Runnable> kept, List<Runnable> gone) {
        OpaqueAccessToken live = opaque(subject, samples.expiry());
        OpaqueAccessToken revoked = opaque(subject, samples.expiry());
        OpaqueAccessToken fading = opaque(subject, soon());
        for (OpaqueAccessToken t : List.of(live, revoked, fading)) {
            store.opaqueAccessTokens().save(t);
        }
        assertThat(store.opaqueAccessTokens().revoke(revoked.token())).isTrue();
        kept.add(() -> assertThat(store.opaqueAccessTokens().find(live.token())).contains(live));
        kept.add(() -> assertThat(store.opaqueAccessTokens().find(revoked.token()).orElseThrow().revoked()).isTrue());
        for (OpaqueAccessToken t : List.of(live, revoked)) {
            gone.add(() -> assertThat(store.opaqueAccessTokens().find(t.token())).isEmpty());
        }
        return 3;
    }

    private OpaqueAccessToken opaque(String subject, Instant expiresAt) {
        return OpaqueAccessToken.builder().token(Samples.secret("at")).clientId("client-a").subject(subject)
                .grantId(Samples.id("grant")).scopes(List.of("api:read")).issuedAt(clock.now()).expiresAt(expiresAt)
                .build();
    }

    private int contexts(String subject, List<Runnable> kept, List<Runnable> gone) {
        AuthorizationContext live = new AuthorizationContext(Samples.id("grant"), subject, "client-a",
                Samples.binaryState(5), clock.now(), samples.expiry());
        AuthorizationContext fading = new AuthorizationContext(Samples.id("grant"), subject, "client-a",
                Samples.binaryState(6), clock.now(), soon());
        String idToken = AuthorizationContextStoreContract.idToken();
        store.authorizationContexts().save(live, idToken);
        store.authorizationContexts().save(fading, null);
        kept.add(() -> assertThat(store.authorizationContexts().find(live.grantId())).contains(live));
        kept.add(() -> assertThat(store.authorizationContexts().findByIdToken(idToken)).contains(live));
        gone.add(() -> assertThat(store.authorizationContexts().find(live.grantId())).isEmpty());
        gone.add(() -> assertThat(store.authorizationContexts().findByIdToken(idToken)).isEmpty());
        return 2;
    }

    private int grants(String subject, List<Runnable> kept, List<Runnable> gone) {
        Grant a = store.grants().save(samples.grant(subject, "client-a"));
        Grant b = store.grants().save(samples.grant(subject, "client-b"));
        Grant fading = store.grants().save(samples.grant(subject, "client-c").toBuilder().expiresAt(soon()).build());
        for (Grant g : List.of(a, b)) {
            kept.add(() -> assertThat(store.grants().find(g.grantId())).contains(g));
            gone.add(() -> assertThat(store.grants().find(g.grantId())).isEmpty());
        }
        kept.add(() -> assertThat(store.grants().listClientIds(subject, null, 10).items())
                .containsExactly("client-a", "client-b"));
        gone.add(() -> assertThat(store.grants().listClientIds(subject, null, 10).items()).isEmpty());
        gone.add(() -> assertThat(store.grants().find(fading.grantId())).isEmpty());
        return 3;
    }

    private int sessions(String subject, List<Runnable> kept, List<Runnable> gone) {
        Session a = samples.session(null).toBuilder().subject(subject).build();
        Session b = samples.session(Samples.id("grp")).toBuilder().subject(subject).build();
        Session fading = samples.session(null).toBuilder().subject(subject).expiresAt(soon()).build();
        for (Session s : List.of(a, b, fading)) {
            store.sessions().save(s);
        }
        for (Session s : List.of(a, b)) {
            kept.add(() -> assertThat(store.sessions().find(s.sessionId())).contains(s));
            gone.add(() -> assertThat(store.sessions().find(s.sessionId())).isEmpty());
        }
        gone.add(() -> assertThat(store.sessions().listBySubject(subject, null, 10).items()).isEmpty());
        return 2;
    }

    private int interactions(String subject, List<Runnable> kept, List<Runnable> gone) {
        Interaction a = samples.interaction(Samples.binaryState(1)).withSubject(subject);
        Interaction b = samples.interaction(Samples.binaryState(2)).withSubject(subject);
        Interaction fading = new Interaction(Samples.id("ia"), Samples.binaryState(3), clock.now(), soon(), subject);
        Interaction anonymous = samples.interaction(Samples.binaryState(4));
        for (Interaction i : List.of(a, b, fading, anonymous)) {
            store.interactions().save(i);
        }
        // names no subject (yet): an erasure cannot find it, so it stays
        kept.add(() -> assertThat(store.interactions().find(anonymous.interactionId())).contains(anonymous));
        gone.add(() -> assertThat(store.interactions().find(anonymous.interactionId())).contains(anonymous));
        for (Interaction i : List.of(a, b)) {
            kept.add(() -> assertThat(store.interactions().find(i.interactionId())).contains(i));
            gone.add(() -> assertThat(store.interactions().find(i.interactionId())).isEmpty());
        }
        return 2;
    }

    /** A CIBA request of {@code subject}, pending, with a fresh {@code auth_req_id}. */
    static CibaRequest cibaRequest(Samples samples, String subject, Instant expiresAt) {
        return CibaRequest.pending(Samples.secret("arid"), "client-a", subject, Set.of("openid"), List.of(),
                null, CibaMode.POLL, null, samples.now(), expiresAt, Samples.POLL_INTERVAL);
    }

    /** A pending device authorization expiring at {@code expiresAt}. */
    static DeviceAuthorization device(Samples samples, Instant expiresAt) {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        return DeviceAuthorization.pending(Samples.secret("dc"), Samples.userCode(), d.clientId(), d.scopes(),
                d.parameters(), d.createdAt(), expiresAt, d.interval());
    }

    /**
     * Whether nothing the store persisted names {@code subject} ({@link StoreFixture#persisted}):
     * expired records, indexes and keys included.
     */
    static void assertNothingAtRest(StoreFixture fixture, String subject, boolean present) {
        boolean found = fixture.persisted().dump().stream().anyMatch(s -> s != null && s.contains(subject));
        assertThat(found).as("'%s' persisted", subject).isEqualTo(present);
    }
}
