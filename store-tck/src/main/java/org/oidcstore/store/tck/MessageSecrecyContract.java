package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.Client;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;

/**
 * No exception a store raises (duplicates, replays, conflicts, refusals; the refusals of a forked
 * or premature rotation are checked in {@link RefreshTokenRotationContract}) carries a bearer value,
 * a client's secret hash, or a session or interaction id (which work like bearer values: whoever
 * holds one rides the session or the login) in its message, its {@code toString} or those of its
 * causes, so a logged stack trace leaks none of them. Runs over every kind the store hosts.
 */
@ContractFor({})
public abstract class MessageSecrecyContract extends StoreContract {

    /** What {@code call} throws: of {@code type}, and leaking none of {@code values}. */
    private static void refusedWithoutLeak(Class<? extends Throwable> type, Runnable call, String... values) {
        Throwable e = Evidence.thrownBy(call);
        assertThat(e).as("the refusal").isInstanceOf(type);
        Evidence.assertNoLeak(e, values);
    }

    @Test
    @Covers(value = "touch", type = SessionStore.class)
    @Covers(value = "listByChooserGroup", type = SessionStore.class)
    @Covers(value = "compareAndSwap", type = InteractionCompareAndSwap.class)
    @Covers(value = "deleteIfUnchanged", type = InteractionCompareAndSwap.class)
    void sessionAndInteractionIdsAppearInNoExceptionMessage() {
        Session s = samples.session(Samples.id("group"));
        store.sessions().save(s);
        String sid = s.sessionId();
        refusedWithoutLeak(IllegalArgumentException.class, () -> store.sessions().touch(sid, clock.now()), sid);
        for (String cursor : List.of("x." + sid, "1." + sid + "\n", sid)) {
            refusedWithoutLeak(IllegalArgumentException.class,
                    () -> store.sessions().listByChooserGroup(s.chooserGroup(), cursor, 10), sid, s.chooserGroup());
        }

        InteractionCompareAndSwap cas = store.interactionCompareAndSwap().orElseThrow();
        Interaction i = samples.interaction(Samples.binaryState(1));
        store.interactions().save(i);
        String id = i.interactionId();
        Interaction next = new Interaction(id, Samples.binaryState(2), i.createdAt(), i.expiresAt());
        refusedWithoutLeak(ConflictException.class, () -> cas.compareAndSwap(Samples.binaryState(9), next), id);
        refusedWithoutLeak(ConflictException.class, () -> cas.deleteIfUnchanged(id, Samples.binaryState(9)), id);
        Interaction ghost = samples.interaction(Samples.binaryState(1));
        refusedWithoutLeak(ConflictException.class, () -> cas.compareAndSwap(Samples.binaryState(1), ghost),
                ghost.interactionId());
        refusedWithoutLeak(ConflictException.class,
                () -> cas.deleteIfUnchanged(ghost.interactionId(), Samples.binaryState(1)), ghost.interactionId());
    }

    @Test
    void noDuplicateReplayOrRefusalCarriesABearerValue() {
        Set<StoreKind> kinds = store.kinds();
        assertThat(kinds).contains(StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS);
        String jti = Samples.secret("jti");
        store.consumedJwtIds().mark(jti, clock.now().plusSeconds(60));
        refusedWithoutLeak(AlreadyConsumedException.class,
                () -> store.consumedJwtIds().mark(jti, clock.now().plusSeconds(60)), jti);
        String fresh = Samples.secret("jti");
        refusedWithoutLeak(IllegalArgumentException.class, () -> store.consumedJwtIds().mark(fresh, clock.now()), fresh);

        PushedAuthorizationRequest r = samples.par("client-a");
        store.pushedAuthorizationRequests().save(r);
        refusedWithoutLeak(DuplicateRecordException.class, () -> store.pushedAuthorizationRequests().save(r),
                r.requestUri());
        store.pushedAuthorizationRequests().consume(r.requestUri()).orElseThrow();
        refusedWithoutLeak(AlreadyConsumedException.class,
                () -> store.pushedAuthorizationRequests().consume(r.requestUri()), r.requestUri());
        refusedWithoutLeak(DuplicateRecordException.class, () -> store.pushedAuthorizationRequests().save(r),
                r.requestUri());

        if (kinds.contains(StoreKind.AUTHORIZATION_CODES)) {
            AuthorizationCode c = samples.code();
            store.authorizationCodes().save(c);
            refusedWithoutLeak(DuplicateRecordException.class, () -> store.authorizationCodes().save(c), c.code());
            store.authorizationCodes().consume(c.code()).orElseThrow();
            refusedWithoutLeak(AlreadyConsumedException.class, () -> store.authorizationCodes().consume(c.code()),
                    c.code());
        }
        if (kinds.contains(StoreKind.REFRESH_TOKENS)) {
            refreshTokenRefusals();
        }
        if (kinds.contains(StoreKind.OPAQUE_ACCESS_TOKENS)) {
            OpaqueAccessToken t = samples.opaqueAccessToken("g");
            store.opaqueAccessTokens().save(t);
            refusedWithoutLeak(DuplicateRecordException.class, () -> store.opaqueAccessTokens().save(t), t.token());
        }
        if (kinds.contains(StoreKind.ACCESS_TOKENS)) {
            JwtAccessToken t = samples.jwtAccessToken("g");
            store.accessTokens().register(t);
            refusedWithoutLeak(DuplicateRecordException.class, () -> store.accessTokens().register(t), t.jti());
        }
        if (kinds.contains(StoreKind.DEVICE_AUTHORIZATIONS)) {
            deviceAuthorizationRefusals();
        }
        if (kinds.contains(StoreKind.CIBA_REQUESTS)) {
            cibaRefusals();
        }
        store.clientRegistry().ifPresent(registry -> {
            Client c = samples.client(Samples.id("client"));
            registry.register(c);
            refusedWithoutLeak(DuplicateRecordException.class, () -> registry.register(c), c.secretHash());
        });
    }

    private void deviceAuthorizationRefusals() {
        var das = store.deviceAuthorizations();
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        das.save(d);
        String[] codes = {d.deviceCode(), d.userCode(), DeviceAuthorization.normalizeUserCode(d.userCode())};
        refusedWithoutLeak(DuplicateRecordException.class, () -> das.save(d), codes);
        DeviceAuthorization twin = samples.deviceAuthorization("client-a", d.userCode());
        refusedWithoutLeak(DuplicateRecordException.class, () -> das.save(twin), twin.deviceCode(), d.userCode());
        refusedWithoutLeak(ConflictException.class, () -> das.consume(d.deviceCode()), codes);
        das.approveByUserCode(d.userCode(), samples.approval("sub-alice")).orElseThrow();
        refusedWithoutLeak(ConflictException.class, () -> das.denyByUserCode(d.userCode()), codes);
        das.consume(d.deviceCode()).orElseThrow();
        refusedWithoutLeak(AlreadyConsumedException.class, () -> das.consume(d.deviceCode()), codes);
        refusedWithoutLeak(IllegalArgumentException.class, () -> das.save(twin.withState(ApprovalState.DENIED, null)),
                twin.deviceCode(), twin.userCode());
    }

    private void cibaRefusals() {
        var cibas = store.cibaRequests();
        CibaRequest r = samples.cibaRequest(CibaMode.PUSH);
        cibas.save(r);
        String[] secrets = {r.authReqId(), r.clientNotificationToken()};
        refusedWithoutLeak(DuplicateRecordException.class, () -> cibas.save(r), secrets);
        refusedWithoutLeak(ConflictException.class, () -> cibas.approve(r.authReqId(), samples.approval("sub-mallory")),
                secrets);
        refusedWithoutLeak(ConflictException.class, () -> cibas.consume(r.authReqId()), secrets);
        cibas.approve(r.authReqId(), samples.approval(r.subject())).orElseThrow();
        cibas.consume(r.authReqId()).orElseThrow();
        refusedWithoutLeak(AlreadyConsumedException.class, () -> cibas.consume(r.authReqId()), secrets);
    }

    private void refreshTokenRefusals() {
        var tokens = store.refreshTokens();
        RefreshToken root = samples.refreshToken();
        tokens.save(root, null);
        String rt = root.token();
        refusedWithoutLeak(DuplicateRecordException.class, () -> tokens.save(root, null), rt);
        RefreshToken orphan = root.successor(Samples.secret("rt"), null, clock.now(), clock.now().plusSeconds(60));
        String unknown = Samples.secret("rt");
        refusedWithoutLeak(IllegalArgumentException.class, () -> tokens.save(orphan, unknown), unknown, orphan.token());
        tokens.consume(rt).orElseThrow();
        refusedWithoutLeak(AlreadyConsumedException.class, () -> tokens.consume(rt), rt);
        RefreshToken wider = root.successor(Samples.secret("rt"), Set.of("openid", "admin"), clock.now(),
                clock.now().plusSeconds(60));
        refusedWithoutLeak(IllegalArgumentException.class, () -> tokens.save(wider, rt), rt, wider.token());
    }
}
