package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.ClientRevocation;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;

/**
 * Revoking a client across the transactional cluster ({@link OidcStore#revokeClient} and the
 * {@code revokeByClient} of the four cluster kinds that hold a client's records): every record of
 * the client revoked (tokens flagged, grants deleted), expired ones included, other clients'
 * untouched, a missing client a no-op; inside a transaction that rolls back nothing stays revoked;
 * a revocation racing rotations of the client's refresh tokens leaves no live successor. The four
 * methods are part of the interfaces, so a backend hosting the cluster offers all four or none.
 */
@ContractFor({RefreshTokenStore.class, GrantStore.class, AccessTokenRegistry.class, OpaqueAccessTokenStore.class,
        OidcStore.class})
public abstract class ClientRevocationContract extends StoreContract {

    /** One client's records of the four kinds, as saved. */
    private record Held(List<Grant> grants, List<RefreshToken> refreshTokens, List<JwtAccessToken> accessTokens,
            List<OpaqueAccessToken> opaqueTokens) {
    }

    private Transactions tx() {
        return fixture.transactions().orElseThrow(() -> new AssertionError(
                "ClientRevocationContract needs a fixture with transactions(); non-transactional tiers must not include it"));
    }

    private RefreshToken rotate(RefreshToken parent) {
        return inTransactionIfAny(() -> {
            RefreshToken used = store.refreshTokens().consume(parent.token()).orElseThrow();
            RefreshToken next = used.successor(Samples.secret("rt"), null, clock.now(), clock.now().plus(Duration.ofDays(1)));
            store.refreshTokens().save(next, parent.token());
            return next;
        });
    }

    /**
     * Two grants of {@code clientId}, a chain of two refresh tokens on the first and a short-lived
     * one on the second, two JWT rows and two opaque tokens (one of each short-lived).
     */
    private Held hold(String clientId) {
        List<Grant> grants = new ArrayList<>();
        List<RefreshToken> refresh = new ArrayList<>();
        List<JwtAccessToken> jwts = new ArrayList<>();
        List<OpaqueAccessToken> opaque = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Grant g = store.grants().save(samples.grant("sub-" + i, clientId));
            grants.add(g);
            RefreshToken rt = samples.refreshToken(g.grantId()).toBuilder().clientId(clientId).subject(g.subject())
                    .expiresAt(i == 0 ? clock.now().plus(Duration.ofDays(1)) : clock.now().plusSeconds(30)).build();
            store.refreshTokens().save(rt, null);
            refresh.add(rt);
            if (i == 0) {
                refresh.add(rotate(rt));
            }
            JwtAccessToken jwt = new JwtAccessToken(Samples.secret("jti"), clientId, g.subject(), g.grantId(),
                    Set.of("openid"), clock.now(), i == 0 ? samples.expiry() : clock.now().plusSeconds(30), false);
            store.accessTokens().register(jwt);
            jwts.add(jwt);
            OpaqueAccessToken at = OpaqueAccessToken.builder().token(Samples.secret("at")).clientId(clientId)
                    .subject(g.subject()).grantId(g.grantId()).scopes(List.of("api:read")).issuedAt(clock.now())
                    .expiresAt(i == 0 ? samples.expiry() : clock.now().plusSeconds(30)).build();
            store.opaqueAccessTokens().save(at);
            opaque.add(at);
        }
        return new Held(grants, refresh, jwts, opaque);
    }

    /** Whether every record of {@code held} that is still findable is revoked ({@code true}) or live ({@code false}). */
    private void assertRevoked(Held held, boolean revoked, String what) {
        for (Grant g : held.grants()) {
            assertThat(store.grants().find(g.grantId()).isPresent()).as("%s: grant %s present", what, g.grantId())
                    .isEqualTo(!revoked);
        }
        for (RefreshToken t : held.refreshTokens()) {
            assertThat(store.refreshTokens().find(t.token()).orElseThrow().revoked()).as("%s: refresh token", what)
                    .isEqualTo(revoked);
        }
        for (JwtAccessToken t : held.accessTokens()) {
            assertThat(store.accessTokens().find(t.jti()).orElseThrow().revoked()).as("%s: access-token row", what)
                    .isEqualTo(revoked);
        }
        for (OpaqueAccessToken t : held.opaqueTokens()) {
            assertThat(store.opaqueAccessTokens().find(t.token()).orElseThrow().revoked()).as("%s: opaque token", what)
                    .isEqualTo(revoked);
        }
    }

    @Test
    @Covers("revokeClient")
    @Covers("revokeByClient")
    void revokingAClientRevokesEveryRecordOfItsFourKindsAndNothingOfOtherClients() {
        Held gone = hold("client-gone");
        Held stays = hold("client-stays");
        ClientRevocation r = store.revokeClient("client-gone");
        assertThat(r).isEqualTo(new ClientRevocation(3, 2, 2, 2));
        assertThat(r.total()).isEqualTo(9);
        assertRevoked(gone, true, "revoked client");
        assertRevoked(stays, false, "other client");
        assertThat(store.revokeClient("client-gone")).as("idempotent").isEqualTo(new ClientRevocation(0, 0, 0, 0));
    }

    @Test
    @Covers("revokeByClient")
    void eachKindRevokesTheClientsRecordsExpiredOnesIncludedAndAnswersHowMany() {
        Held gone = hold("client-gone");
        Held stays = hold("client-stays");
        clock.advance(Duration.ofMinutes(1)); // the short-lived token of each kind is expired now
        assertThat(store.refreshTokens().revokeByClient("client-gone")).isEqualTo(3);
        assertThat(store.accessTokens().revokeByClient("client-gone")).isEqualTo(2);
        assertThat(store.opaqueAccessTokens().revokeByClient("client-gone")).isEqualTo(2);
        assertThat(store.grants().revokeByClient("client-gone")).isEqualTo(2);
        assertThat(store.grants().listSubjects("client-gone", null, 10).items()).isEmpty();
        assertThat(store.grants().listSubjects("client-stays", null, 10).items()).containsExactly("sub-0", "sub-1");
        assertThat(store.refreshTokens().find(gone.refreshTokens().get(1).token()).orElseThrow().revoked()).isTrue();
        assertThat(store.accessTokens().find(gone.accessTokens().get(0).jti()).orElseThrow().revoked()).isTrue();
        assertThat(store.opaqueAccessTokens().find(stays.opaqueTokens().get(0).token()).orElseThrow().revoked()).isFalse();
        assertThat(store.refreshTokens().find(stays.refreshTokens().get(1).token()).orElseThrow().revoked()).isFalse();
        assertThat(store.refreshTokens().revokeByClient("client-gone")).as("idempotent").isZero();
        assertThat(store.accessTokens().revokeByClient("client-gone")).as("idempotent").isZero();
        assertThat(store.opaqueAccessTokens().revokeByClient("client-gone")).as("idempotent").isZero();
        assertThat(store.grants().revokeByClient("client-gone")).as("idempotent").isZero();
    }

    @Test
    @Covers("revokeClient")
    @Covers("revokeByClient")
    void aMissingClientIsANoOpEverywhere() {
        Held stays = hold("client-stays");
        for (String missing : List.of("no-such-client", "client-stay", "", "x".repeat(600))) {
            assertThat(store.refreshTokens().revokeByClient(missing)).as("'%s'", missing).isZero();
            assertThat(store.accessTokens().revokeByClient(missing)).as("'%s'", missing).isZero();
            assertThat(store.opaqueAccessTokens().revokeByClient(missing)).as("'%s'", missing).isZero();
            assertThat(store.grants().revokeByClient(missing)).as("'%s'", missing).isZero();
        }
        assertThat(store.revokeClient("no-such-client")).isEqualTo(new ClientRevocation(0, 0, 0, 0));
        assertRevoked(stays, false, "after revoking missing clients");
    }

    @Test
    @Covers("revokeClient")
    void insideATransactionThatRollsBackNothingIsRevoked() {
        Held gone = hold("client-gone");
        AtomicReference<ClientRevocation> inside = new AtomicReference<>();
        tx().rollback(() -> {
            inside.set(store.revokeClient("client-gone"));
            assertRevoked(gone, true, "inside the transaction");
        });
        assertThat(inside.get()).as("the cascade ran").isEqualTo(new ClientRevocation(3, 2, 2, 2));
        assertRevoked(gone, false, "after the rollback");
        AtomicReference<ClientRevocation> failed = new AtomicReference<>();
        try {
            tx().commit(() -> {
                failed.set(store.revokeClient("client-gone"));
                throw new IllegalStateException("the caller's work fails after the cascade");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        assertThat(failed.get()).isEqualTo(new ClientRevocation(3, 2, 2, 2));
        assertRevoked(gone, false, "after a failed transaction");
        assertThat(store.revokeClient("client-gone")).isEqualTo(new ClientRevocation(3, 2, 2, 2));
    }

    /**
     * Rotations of the client's refresh tokens racing the revocation of the client: afterwards no
     * successor may be live (the rotation lost, or its child was revoked too).
     */
    @Test
    @Covers(value = "revokeByClient", type = RefreshTokenStore.class, race = true)
    @Covers(value = "revokeClient", race = true)
    void rotationsRacingAClientRevocationLeaveNoLiveSuccessor() {
        int chains = Race.THREADS / 2;
        List<RefreshToken> children = new ArrayList<>();
        Race.<RefreshToken>rounds(round -> {
            String client = Samples.id("client");
            Grant grant = store.grants().save(samples.grant("sub-race", client));
            List<RefreshToken> roots = new ArrayList<>();
            for (int i = 0; i < chains; i++) {
                RefreshToken r = samples.refreshToken(grant.grantId()).toBuilder().clientId(client).build();
                store.refreshTokens().save(r, null);
                roots.add(r);
            }
            children.clear();
            for (RefreshToken r : roots) {
                children.add(r.successor(Samples.secret("rt"), null, clock.now(), clock.now().plus(Duration.ofDays(1))));
            }
            return i -> {
                if (i < chains) {
                    RefreshToken parent = roots.get(i);
                    RefreshToken child = children.get(i);
                    return () -> inTransactionIfAny(() -> {
                        store.refreshTokens().consume(parent.token()).orElseThrow();
                        store.refreshTokens().save(child, parent.token());
                        return child;
                    });
                }
                return i % 2 == 0
                        ? () -> { store.revokeClient(client); return null; }
                        : () -> { store.refreshTokens().revokeByClient(client); return null; };
            };
        }, (round, outcomes) -> {
            for (int i = 0; i < outcomes.size(); i++) {
                Race.Outcome<RefreshToken> o = outcomes.get(i);
                if (i >= chains) {
                    assertThat(o.error()).as("round %d: revocation %d", round, i).isNull();
                } else if (!o.succeeded()) {
                    assertThat(o.error()).as("round %d: losing rotation %d", round, i)
                            .isInstanceOf(org.oidcstore.store.AlreadyConsumedException.class);
                }
            }
            for (RefreshToken child : children) {
                store.refreshTokens().find(child.token()).ifPresent(c ->
                        assertThat(c.revoked()).as("round %d: a successor survived a client revocation", round).isTrue());
            }
        });
    }
}
