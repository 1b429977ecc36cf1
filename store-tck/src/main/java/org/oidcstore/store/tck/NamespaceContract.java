package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.StoreKind;

/**
 * Namespaces are disjoint: one identifier saved in several substores resolves only where it was
 * saved, and consuming or deleting it in one substore leaves it untouched in the others. Runs over
 * every kind the store hosts (at least two are needed for the case to mean anything).
 */
@ContractFor({})
public abstract class NamespaceContract extends StoreContract {

    /** How to plant, resolve and destroy an identifier in one substore. */
    private record Ops(Consumer<String> plant, Predicate<String> resolves, Consumer<String> destroy) {
    }

    private Map<StoreKind, Ops> hostedOps() {
        Map<StoreKind, Ops> ops = new EnumMap<>(StoreKind.class);
        for (StoreKind k : store.kinds()) {
            Ops o = opsFor(k);
            if (o != null) {
                ops.put(k, o);
            }
        }
        assertThat(ops.size()).as("kinds with identifiers hosted by this store").isGreaterThanOrEqualTo(2);
        return ops;
    }

    private Ops opsFor(StoreKind kind) {
        return switch (kind) {
            case AUTHORIZATION_CODES -> new Ops(
                    x -> store.authorizationCodes().save(samples.code().toBuilder().code(x).build()),
                    x -> store.authorizationCodes().find(x).filter(c -> !c.isConsumed()).isPresent(),
                    x -> store.authorizationCodes().consume(x).orElseThrow());
            case REFRESH_TOKENS -> new Ops(
                    x -> store.refreshTokens().save(samples.refreshToken().toBuilder().token(x).build(), null),
                    x -> store.refreshTokens().find(x).filter(t -> !t.isConsumed()).isPresent(),
                    x -> store.refreshTokens().consume(x).orElseThrow());
            case OPAQUE_ACCESS_TOKENS -> new Ops(
                    x -> store.opaqueAccessTokens().save(samples.opaqueAccessToken("g").withToken(x)),
                    x -> store.opaqueAccessTokens().find(x).filter(t -> !t.revoked()).isPresent(),
                    x -> assertThat(store.opaqueAccessTokens().revoke(x)).isTrue());
            case ACCESS_TOKENS -> new Ops(
                    x -> store.accessTokens().register(samples.jwtAccessToken("g").withJti(x)),
                    x -> store.accessTokens().find(x).filter(t -> !t.revoked()).isPresent(),
                    x -> assertThat(store.accessTokens().revoke(x)).isTrue());
            case PUSHED_AUTHORIZATION_REQUESTS -> new Ops(
                    x -> store.pushedAuthorizationRequests().save(samples.par("client-a").withRequestUri(x)),
                    x -> store.pushedAuthorizationRequests().find(x).isPresent(),
                    x -> store.pushedAuthorizationRequests().consume(x).orElseThrow());
            case DEVICE_AUTHORIZATIONS -> new Ops(
                    x -> store.deviceAuthorizations().save(samples.deviceAuthorization("client-a", Samples.userCode(), x)),
                    x -> store.deviceAuthorizations().find(x).filter(d -> d.state() == ApprovalState.PENDING).isPresent(),
                    x -> assertThat(store.deviceAuthorizations().revoke(x)).isTrue());
            case CIBA_REQUESTS -> new Ops(
                    x -> store.cibaRequests().save(samples.cibaRequest(CibaMode.PING).withAuthReqId(x)),
                    x -> store.cibaRequests().find(x).filter(r -> r.state() == ApprovalState.PENDING).isPresent(),
                    x -> assertThat(store.cibaRequests().revoke(x)).isTrue());
            case CONSUMED_JWT_IDS -> new Ops(
                    x -> store.consumedJwtIds().mark(x, clock.now().plusSeconds(300)),
                    x -> store.consumedJwtIds().isMarked(x),
                    x -> { });
            case SESSIONS -> new Ops(
                    x -> store.sessions().save(samples.session("grp").toBuilder().sessionId(x).build()),
                    x -> store.sessions().find(x).isPresent(),
                    x -> assertThat(store.sessions().delete(x)).isTrue());
            case INTERACTIONS -> new Ops(
                    x -> store.interactions().save(new Interaction(x, Samples.binaryState(3), clock.now(),
                            clock.now().plusSeconds(300))),
                    x -> store.interactions().find(x).isPresent(),
                    x -> assertThat(store.interactions().delete(x)).isTrue());
            case GRANTS -> new Ops(
                    x -> store.grants().save(samples.grant("sub", "client-a").toBuilder().grantId(x).build()),
                    x -> store.grants().find(x).isPresent(),
                    x -> assertThat(store.grants().delete(x)).isTrue());
            case AUTHORIZATION_CONTEXTS -> new Ops(
                    x -> store.authorizationContexts().save(new org.oidcstore.store.AuthorizationContext(x, "sub",
                            "client-a", Samples.binaryState(4), clock.now(), clock.now().plusSeconds(300)), x),
                    x -> store.authorizationContexts().find(x).isPresent()
                            || store.authorizationContexts().findByIdToken(x).isPresent(),
                    x -> assertThat(store.authorizationContexts().delete(x)).isTrue());
            case GRANT_REVOCATIONS -> new Ops(
                    x -> store.grantRevocations().revokeJti(x, clock.now().plusSeconds(300)),
                    x -> store.grantRevocations().isRevoked(null, x, clock.now()),
                    x -> { });
            case CLIENTS -> store.clientRegistry().isEmpty() ? null : new Ops(
                    x -> store.clientRegistry().orElseThrow().register(samples.client(x)),
                    x -> store.clients().find(x).isPresent(),
                    x -> assertThat(store.clientRegistry().orElseThrow().delete(x)).isTrue());
            case INITIAL_ACCESS_TOKENS -> new Ops(
                    x -> store.initialAccessTokens().save(org.oidcstore.store.InitialAccessToken.issue(x, clock.now(),
                            clock.now().plusSeconds(300), null, null)),
                    x -> store.initialAccessTokens().find(x).isPresent(),
                    x -> assertThat(store.initialAccessTokens().delete(x)).isTrue());
            case REGISTRATION_ACCESS_TOKENS -> new Ops(
                    x -> store.registrationAccessTokens().save(new org.oidcstore.store.RegistrationAccessToken(x, x,
                            clock.now(), null)),
                    x -> store.registrationAccessTokens().matches(x, x),
                    x -> assertThat(store.registrationAccessTokens().delete(x)).isTrue());
            case PROVIDER_METADATA -> new Ops(
                    x -> store.providerMetadata().set(x, "v"),
                    x -> store.providerMetadata().get(x).isPresent(),
                    x -> { });
            case USERS -> store.userRegistry().isEmpty() ? null : new Ops(
                    x -> store.userRegistry().orElseThrow().save(samples.user(x)),
                    x -> store.users().find(x).isPresent(),
                    x -> assertThat(store.userRegistry().orElseThrow().delete(x)).isTrue());
        };
    }

    @Test
    void anIdentifierSavedInOneSubstoreResolvesNowhereElse() {
        Map<StoreKind, Ops> ops = hostedOps();
        for (Map.Entry<StoreKind, Ops> planted : ops.entrySet()) {
            String x = Samples.secret("shared");
            planted.getValue().plant().accept(x);
            for (Map.Entry<StoreKind, Ops> other : ops.entrySet()) {
                assertThat(other.getValue().resolves().test(x))
                        .as("identifier saved in %s resolves in %s", planted.getKey(), other.getKey())
                        .isEqualTo(other.getKey() == planted.getKey());
            }
        }
    }

    @Test
    void consumingOrDeletingInOneSubstoreLeavesTheOthersUntouched() {
        Map<StoreKind, Ops> ops = hostedOps();
        String x = Samples.secret("shared");
        ops.values().forEach(o -> o.plant().accept(x));
        List<StoreKind> remaining = new ArrayList<>(ops.keySet());
        while (!remaining.isEmpty()) {
            for (StoreKind k : remaining) {
                assertThat(ops.get(k).resolves().test(x)).as("%s still holds the identifier", k).isTrue();
            }
            StoreKind victim = remaining.remove(0);
            ops.get(victim).destroy().accept(x);
        }
    }
}
