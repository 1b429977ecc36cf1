package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.Limits;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.ValueSize;

/**
 * {@code max-value-bytes} of the volatile kinds, measured by {@link ValueSize} on every tier: a
 * record of exactly the limit is stored, one byte more is refused with
 * {@link IllegalArgumentException} naming neither the record's id nor its content, and nothing is
 * written (a replacing save leaves the old record). A tier without the limit (JPA) stores a record
 * of twice {@link ValueSize#DEFAULT_MAX_VALUE_BYTES}. The limit is what
 * {@link StoreFixture#maxValueBytes(StoreKind)} says the tier was configured with.
 */
@ContractFor({})
public abstract class ValueSizeContract extends StoreContract {

    private static final long UNLIMITED_PROBE = 2L * ValueSize.DEFAULT_MAX_VALUE_BYTES;

    /** Distinct ASCII elements of at most {@link Limits#MAX_ELEMENT_LENGTH}, {@code bytes} bytes in all. */
    private static List<String> elements(long bytes, char tag) {
        List<String> out = new ArrayList<>();
        int count = (int) ((bytes + Limits.MAX_ELEMENT_LENGTH - 1) / Limits.MAX_ELEMENT_LENGTH);
        for (int i = 0; i < count; i++) {
            int len = (int) (bytes / count + (i < bytes % count ? 1 : 0));
            String head = len >= 4 ? tag + String.format("%03d", i) : "";
            out.add(head + Caps.fill("x", len - head.length()));
        }
        return out;
    }

    /** {@code bytes} bytes as elements of {@code collections} collections of at most {@link Limits#MAX_COLLECTION_BYTES}. */
    private static List<List<String>> collections(long bytes, int collections) {
        List<List<String>> out = new ArrayList<>();
        long rest = bytes;
        for (int c = 0; c < collections; c++) {
            long part = Math.min(rest, Limits.MAX_COLLECTION_BYTES);
            out.add(elements(part, (char) ('a' + c)));
            rest -= part;
        }
        if (rest != 0) {
            throw new IllegalArgumentException("cannot build a record that large within Limits");
        }
        return out;
    }

    private Session session(String sid, long size) {
        Session base = samples.session("value-size").toBuilder().sessionId(sid).amr(List.of()).clientIds(List.of()).build();
        List<List<String>> fill = collections(size - ValueSize.of(base), 2);
        Session s = base.toBuilder().amr(fill.get(0)).clientIds(fill.get(1)).build();
        assertThat(ValueSize.of(s)).isEqualTo(size);
        return s;
    }

    private long largestSession() {
        return ValueSize.of(samples.session("value-size").toBuilder().amr(List.of()).clientIds(List.of()).build())
                + 2L * Limits.MAX_COLLECTION_BYTES;
    }

    private PushedAuthorizationRequest par(long size) {
        PushedAuthorizationRequest base = samples.par("client-a");
        base = new PushedAuthorizationRequest(base.requestUri(), "client-a", Map.of(), base.createdAt(), base.expiresAt());
        PushedAuthorizationRequest r = new PushedAuthorizationRequest(base.requestUri(), "client-a",
                Map.of("p", collections(size - ValueSize.of(base) - 1, 1).get(0)), base.createdAt(), base.expiresAt());
        assertThat(ValueSize.of(r)).isEqualTo(size);
        return r;
    }

    private long largestPar() {
        PushedAuthorizationRequest r = samples.par("client-a");
        return ValueSize.of(new PushedAuthorizationRequest(r.requestUri(), "client-a", Map.of(), r.createdAt(),
                r.expiresAt())) + Limits.MAX_COLLECTION_BYTES;
    }

    private DeviceAuthorization device(long size) {
        DeviceAuthorization base = samples.deviceAuthorization("client-a");
        base = DeviceAuthorization.pending(base.deviceCode(), base.userCode(), "client-a", base.scopes(), Map.of(),
                base.createdAt(), base.expiresAt(), base.interval());
        DeviceAuthorization d = DeviceAuthorization.pending(base.deviceCode(), base.userCode(), "client-a", base.scopes(),
                Map.of("p", collections(size - ValueSize.of(base) - 1, 1).get(0)), base.createdAt(), base.expiresAt(),
                base.interval());
        assertThat(ValueSize.of(d)).isEqualTo(size);
        return d;
    }

    private long largestDevice() {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        return ValueSize.of(DeviceAuthorization.pending(d.deviceCode(), d.userCode(), "client-a", d.scopes(), Map.of(),
                d.createdAt(), d.expiresAt(), d.interval())) + Limits.MAX_COLLECTION_BYTES;
    }

    private CibaRequest ciba(long size) {
        CibaRequest base = samples.cibaRequest(CibaMode.PUSH);
        CibaRequest empty = withAcr(base, List.of());
        CibaRequest r = withAcr(base, collections(size - ValueSize.of(empty), 1).get(0));
        assertThat(ValueSize.of(r)).isEqualTo(size);
        return r;
    }

    private static CibaRequest withAcr(CibaRequest r, List<String> acrValues) {
        return CibaRequest.pending(r.authReqId(), r.clientId(), r.subject(), r.scopes(), acrValues, r.bindingMessage(),
                r.mode(), r.clientNotificationToken(), r.createdAt(), r.expiresAt(), r.interval());
    }

    private long largestCiba() {
        return ValueSize.of(withAcr(samples.cibaRequest(CibaMode.PUSH), List.of())) + Limits.MAX_COLLECTION_BYTES;
    }

    @Test
    @Covers(value = "save", type = DeviceAuthorizationStore.class)
    void aDeviceAuthorizationOfTheLimitIsStoredAndOneByteMoreIsRefusedWritingNothing() {
        DeviceAuthorizationStore das = store.deviceAuthorizations();
        OptionalInt limit = fixture.maxValueBytes(StoreKind.DEVICE_AUTHORIZATIONS);
        DeviceAuthorization fits = device(Math.min(limit.orElse(Integer.MAX_VALUE), largestDevice()));
        das.save(fits);
        assertThat(das.find(fits.deviceCode())).contains(fits.asFoundByDeviceCode(fits.deviceCode()));
        if (limit.isPresent() && limit.getAsInt() < largestDevice()) {
            DeviceAuthorization over = device(limit.getAsInt() + 1L);
            Evidence.assertWritesNothing(fixture, "an oversized device authorization", () -> Evidence.assertNoLeak(
                    thrownIae("save of a device authorization one byte over the limit", () -> das.save(over)),
                    over.deviceCode(), over.userCode()));
            assertThat(das.find(over.deviceCode())).isEmpty();
            assertThat(das.findByUserCode(over.userCode())).isEmpty();
        }
    }

    @Test
    @Covers(value = "save", type = CibaRequestStore.class)
    void aCibaRequestOfTheLimitIsStoredAndOneByteMoreIsRefusedWritingNothing() {
        CibaRequestStore cibas = store.cibaRequests();
        OptionalInt limit = fixture.maxValueBytes(StoreKind.CIBA_REQUESTS);
        CibaRequest fits = ciba(Math.min(limit.orElse(Integer.MAX_VALUE), largestCiba()));
        cibas.save(fits);
        assertThat(cibas.find(fits.authReqId())).contains(fits);
        if (limit.isPresent() && limit.getAsInt() < largestCiba()) {
            CibaRequest over = ciba(limit.getAsInt() + 1L);
            Evidence.assertWritesNothing(fixture, "an oversized backchannel request", () -> Evidence.assertNoLeak(
                    thrownIae("save of a backchannel request one byte over the limit", () -> cibas.save(over)),
                    over.authReqId(), over.clientNotificationToken()));
            assertThat(cibas.find(over.authReqId())).isEmpty();
        }
    }

    private Interaction interaction(String id, long size) {
        Interaction base = new Interaction(id, new byte[0], clock.now(), clock.now().plusSeconds(600));
        Interaction i = new Interaction(id, new byte[(int) (size - ValueSize.of(base))], base.createdAt(), base.expiresAt());
        assertThat(ValueSize.of(i)).isEqualTo(size);
        return i;
    }

    @Test
    @Covers(value = "save", type = PushedAuthorizationRequestStore.class)
    void aPushedRequestOfTheLimitIsStoredAndOneByteMoreIsRefusedWritingNothing() {
        PushedAuthorizationRequestStore pars = store.pushedAuthorizationRequests();
        OptionalInt limit = fixture.maxValueBytes(StoreKind.PUSHED_AUTHORIZATION_REQUESTS);
        // a request cannot grow past one full parameter map (Limits), whatever the tier's limit
        PushedAuthorizationRequest fits = par(Math.min(limit.orElse(Integer.MAX_VALUE), largestPar()));
        pars.save(fits);
        assertThat(pars.find(fits.requestUri())).contains(fits);
        if (limit.isPresent() && limit.getAsInt() < largestPar()) {
            PushedAuthorizationRequest over = par(limit.getAsInt() + 1L);
            Evidence.assertWritesNothing(fixture, "an oversized pushed request", () -> Evidence.assertNoLeak(
                    thrownIae("save of a pushed request one byte over the limit", () -> pars.save(over)), over.requestUri()));
            assertThat(pars.find(over.requestUri())).isEmpty();
            assertThat(pars.consume(over.requestUri())).isEmpty();
        }
    }

    @Test
    @Covers(value = "save", type = SessionStore.class)
    void aSessionOfTheLimitIsStoredAndOneByteMoreIsRefusedLeavingTheOldRecord() {
        SessionStore sessions = store.sessions();
        OptionalInt limit = fixture.maxValueBytes(StoreKind.SESSIONS);
        String sid = Samples.id("sid");
        Session fits = session(sid, Math.min(limit.isPresent() ? limit.getAsInt() : UNLIMITED_PROBE, largestSession()));
        sessions.save(fits);
        assertThat(sessions.find(sid)).contains(fits);
        if (limit.isPresent() && limit.getAsInt() < largestSession()) {
            Session over = session(sid, limit.getAsInt() + 1L);
            Evidence.assertWritesNothing(fixture, "an oversized session replacing one",
                    () -> Evidence.assertNoLeak(thrownIae("save of a session one byte over the limit", () -> sessions.save(over)), sid));
            assertThat(sessions.find(sid)).as("the old record stays").contains(fits);
            Session fresh = session(Samples.id("sid"), limit.getAsInt() + 1L);
            assertThatThrownBy(() -> sessions.save(fresh)).isInstanceOf(IllegalArgumentException.class);
            assertThat(sessions.find(fresh.sessionId())).isEmpty();
            assertThat(sessions.listByChooserGroup("value-size", null, 10).items()).containsExactly(fits);
        }
    }

    @Test
    @Covers(value = "save", type = InteractionStore.class)
    @Covers(value = "compareAndSwap", type = InteractionCompareAndSwap.class)
    void anInteractionOfTheLimitIsStoredAndOneByteMoreIsRefusedLeavingTheOldRecord() {
        InteractionStore interactions = store.interactions();
        OptionalInt limit = fixture.maxValueBytes(StoreKind.INTERACTIONS);
        String id = Samples.id("ia");
        Interaction fits = interaction(id, limit.isPresent() ? limit.getAsInt() : UNLIMITED_PROBE);
        interactions.save(fits);
        assertThat(interactions.find(id)).contains(fits);
        if (limit.isPresent()) {
            Interaction over = interaction(id, limit.getAsInt() + 1L);
            InteractionCompareAndSwap cas = store.interactionCompareAndSwap().orElseThrow();
            Evidence.assertWritesNothing(fixture, "an oversized interaction replacing one", () -> {
                Evidence.assertNoLeak(thrownIae("save of an interaction one byte over the limit", () -> interactions.save(over)), id);
                Evidence.assertNoLeak(thrownIae("compareAndSwap to an interaction one byte over the limit",
                        () -> cas.compareAndSwap(fits.state(), over)), id);
            });
            assertThat(interactions.find(id)).as("the old record stays").contains(fits);
        }
    }

    private static Throwable thrownIae(String what, Runnable call) {
        Throwable[] e = new Throwable[1];
        Evidence.about(what, () -> e[0] = Evidence.thrownBy(call));
        assertThat(e[0]).as(what).isInstanceOf(IllegalArgumentException.class);
        return e[0];
    }
}
