package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.oidcstore.store.redis.internal.DamageFixture.bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.time.Duration;
import java.util.Set;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.tck.Samples;

/**
 * Damaged values in Redis (written by an admin client: a body the codec cannot decode, an expiry
 * that is not a number, a hash with a field missing, a key of another Redis type): every operation
 * that uses the damaged key fails with {@code StoreException} {@code OIDCS-1454} naming the kind and
 * the operation, never the value or an identifier, keeping the cause, and changes nothing. The
 * exceptions are the saves that replace a record without reading it (an interaction, the hash of a
 * session): they write a good record over the damaged one; and the poll of a device authorization or
 * CIBA request, which reads and checks four fields only and proceeds past damage elsewhere. Every
 * damage meets every operation of its substore.
 */
class DamagedValuesTest {
    private static final String DAMAGED = DamageFixture.DAMAGED;

    /** What an operation on a damaged key must do. */
    enum Expect {
        /** OIDCS-1454 naming kind and operation; every key under the prefix unchanged. */
        RAISES,
        /** succeeds; the record reads back as saved. */
        REPLACES,
        /** does not use the damaged key: succeeds, every key unchanged. */
        UNAFFECTED,
        /** reads (and checks) other fields of the damaged key only: succeeds, and does its write. */
        PROCEEDS
    }

    private record Damage(String substore, String name, Consumer<DamageFixture> write) {
    }

    private record Op(String name, Expect expect, Consumer<DamageFixture> run) {
    }

    private static final List<Damage> DAMAGES = List.of(
            new Damage("consumed-jwt-ids", "expiry not a number", c -> c.admin.set(c.jtiKey(), bytes(DAMAGED))),
            new Damage("consumed-jwt-ids", "a hash instead of a string", c -> c.retype(c.jtiKey(), true)),
            new Damage("pushed-authorization-requests", "expiry not a number",
                    c -> c.field(c.parKey(), "x", bytes(DAMAGED))),
            new Damage("pushed-authorization-requests", "body truncated", c -> {
                byte[] d = c.field(c.parKey(), "d");
                c.field(c.parKey(), "d", Arrays.copyOf(d, d.length - 2));
            }),
            new Damage("pushed-authorization-requests", "body with a length no long holds",
                    c -> c.field(c.parKey(), "d", RecordBodyDamageTest.OVERFLOWING_LENGTH)),
            new Damage("pushed-authorization-requests", "body of an unknown format",
                    c -> c.field(c.parKey(), "d", bytes("\u0009" + DAMAGED))),
            new Damage("pushed-authorization-requests", "hash without its body",
                    c -> c.admin.hdel(c.parKey(), bytes("d"))),
            new Damage("pushed-authorization-requests", "a string instead of a hash", c -> c.retype(c.parKey(), false)),
            new Damage("interactions", "expiry not a number", c -> c.field(c.iaKey(), "x", bytes(DAMAGED))),
            new Damage("interactions", "body truncated", c -> c.field(c.iaKey(), "d", new byte[] {1})),
            new Damage("interactions", "body with bytes after its end", c -> {
                byte[] d = c.field(c.iaKey(), "d");
                c.field(c.iaKey(), "d", Arrays.copyOf(d, d.length + 1));
            }),
            new Damage("interactions", "hash without its state", c -> c.admin.hdel(c.iaKey(), bytes("s"))),
            new Damage("interactions", "a string instead of a hash", c -> c.retype(c.iaKey(), false)),
            new Damage("sessions", "pointer malformed", c -> c.admin.set(c.pointerKey(), bytes(DAMAGED))),
            new Damage("sessions", "pointer a hash instead of a string", c -> c.retype(c.pointerKey(), true)),
            new Damage("sessions", "expiry not a number", c -> c.field(c.sessionKey(), "x", bytes(DAMAGED))),
            new Damage("sessions", "update time not a number", c -> c.field(c.sessionKey(), "u", bytes(DAMAGED))),
            new Damage("sessions", "body truncated", c -> {
                byte[] d = c.field(c.sessionKey(), "d");
                c.field(c.sessionKey(), "d", Arrays.copyOf(d, d.length / 2));
            }),
            new Damage("sessions", "body with a length no long holds",
                    c -> c.field(c.sessionKey(), "d", RecordBodyDamageTest.OVERFLOWING_LENGTH)),
            new Damage("sessions", "hash without its write token", c -> c.admin.hdel(c.sessionKey(), bytes("t"))),
            new Damage("sessions", "session a string instead of a hash", c -> c.retype(c.sessionKey(), false)),
            new Damage("sessions", "group index a string instead of a sorted set", c -> c.retype(c.indexKey(), false)),
            new Damage("device-authorizations", "state not one of P A D C", c -> c.field(c.deviceKey(), "s", bytes("Z"))),
            new Damage("device-authorizations", "expiry not a number", c -> c.field(c.deviceKey(), "x", bytes(DAMAGED))),
            new Damage("device-authorizations", "interval not a number", c -> c.field(c.deviceKey(), "i", bytes(DAMAGED))),
            new Damage("device-authorizations", "last poll not a number", c -> c.field(c.deviceKey(), "l", bytes(DAMAGED))),
            new Damage("device-authorizations", "strikes not a number", c -> c.field(c.deviceKey(), "k", bytes("-1"))),
            new Damage("device-authorizations", "body truncated", c -> {
                byte[] d = c.field(c.deviceKey(), "d");
                c.field(c.deviceKey(), "d", Arrays.copyOf(d, d.length - 2));
            }),
            new Damage("device-authorizations", "an approval on a pending request", c -> c.field(c.deviceKey(), "a",
                    ApprovalRecords.approval(c.approval("alice")))),
            new Damage("device-authorizations", "hash without its user-code digest",
                    c -> c.admin.hdel(c.deviceKey(), bytes("u"))),
            new Damage("device-authorizations", "a string instead of a hash", c -> c.retype(c.deviceKey(), false)),
            new Damage("device-authorizations", "user-code reservation malformed",
                    c -> c.admin.set(c.userCodeKey(), bytes(DAMAGED))),
            new Damage("ciba-requests", "state not one of P A D C", c -> c.field(c.cibaKey(), "s", bytes("Z"))),
            new Damage("ciba-requests", "expiry not a number", c -> c.field(c.cibaKey(), "x", bytes(DAMAGED))),
            new Damage("ciba-requests", "body with bytes after its end", c -> {
                byte[] d = c.field(c.cibaKey(), "d");
                c.field(c.cibaKey(), "d", Arrays.copyOf(d, d.length + 1));
            }),
            new Damage("ciba-requests", "body of an unknown format", c -> c.field(c.cibaKey(), "d", bytes("\u0009" + DAMAGED))),
            new Damage("ciba-requests", "hash without its subject", c -> c.admin.hdel(c.cibaKey(), bytes("j"))),
            new Damage("ciba-requests", "a device authorization's counter on it",
                    c -> c.field(c.cibaKey(), "k", bytes("0"))),
            new Damage("ciba-requests", "a string instead of a hash", c -> c.retype(c.cibaKey(), false)));

    private static List<Op> ops(Damage damage) {
        boolean pointer = damage.name().startsWith("pointer");
        boolean index = damage.name().startsWith("group index");
        return switch (damage.substore()) {
            case "consumed-jwt-ids" -> List.of(
                    new Op("mark", Expect.RAISES,
                            c -> c.f.store().consumedJwtIds().mark(c.jti, c.f.clock().now().plusSeconds(120))),
                    new Op("isMarked", Expect.RAISES, c -> c.f.store().consumedJwtIds().isMarked(c.jti)));
            case "pushed-authorization-requests" -> List.of(
                    new Op("save", Expect.RAISES, c -> c.f.store().pushedAuthorizationRequests().save(c.par)),
                    new Op("find", Expect.RAISES,
                            c -> c.f.store().pushedAuthorizationRequests().find(c.par.requestUri())),
                    new Op("consume", Expect.RAISES,
                            c -> c.f.store().pushedAuthorizationRequests().consume(c.par.requestUri())));
            case "interactions" -> List.of(
                    new Op("save", Expect.REPLACES, c -> {
                        c.f.store().interactions().save(c.ia);
                        assertThat(c.f.store().interactions().find(c.ia.interactionId())).contains(c.ia);
                    }),
                    new Op("find", Expect.RAISES, c -> c.f.store().interactions().find(c.ia.interactionId())),
                    new Op("delete", Expect.RAISES, c -> c.f.store().interactions().delete(c.ia.interactionId())),
                    new Op("compareAndSwap", Expect.RAISES, c -> cas(c).compareAndSwap(c.ia.state(),
                            new Interaction(c.ia.interactionId(), Samples.binaryState(4), c.ia.createdAt(),
                                    c.ia.expiresAt()))),
                    new Op("deleteIfUnchanged", Expect.RAISES,
                            c -> cas(c).deleteIfUnchanged(c.ia.interactionId(), c.ia.state())));
            case "sessions" -> List.of(
                    new Op("save", pointer || index ? Expect.RAISES : Expect.REPLACES, c -> {
                        c.f.store().sessions().save(c.session);
                        assertThat(c.f.store().sessions().find(c.session.sessionId())).contains(c.session);
                    }),
                    new Op("find", index ? Expect.UNAFFECTED : Expect.RAISES,
                            c -> assertThat(c.f.store().sessions().find(c.session.sessionId())).contains(c.session)),
                    new Op("touch", Expect.RAISES, c -> c.f.store().sessions().touch(c.session.sessionId(),
                            c.f.clock().now().plusSeconds(900))),
                    new Op("delete", Expect.RAISES, c -> c.f.store().sessions().delete(c.session.sessionId())),
                    new Op("listByChooserGroup", Expect.RAISES,
                            c -> c.f.store().sessions().listByChooserGroup(c.session.chooserGroup(), null, 1000)),
                    // the subject's listing reads the session through its pointer, not through the group index
                    new Op("listBySubject", index ? Expect.UNAFFECTED : Expect.RAISES,
                            c -> assertThat(c.f.store().sessions().listBySubject(c.session.subject(), null, 10).items())
                                    .containsExactly(c.session)),
                    new Op("deleteBySubject", Expect.RAISES,
                            c -> c.f.store().sessions().deleteBySubject(c.session.subject())));
            case "device-authorizations" -> deviceOps(damage.name().startsWith("user-code"), pollExpects(damage));
            case "ciba-requests" -> List.of(
                    new Op("save", Expect.RAISES, c -> c.f.store().cibaRequests().save(c.ciba)),
                    new Op("find", Expect.RAISES, c -> c.f.store().cibaRequests().find(c.ciba.authReqId())),
                    new Op("approve", Expect.RAISES,
                            c -> c.f.store().cibaRequests().approve(c.ciba.authReqId(), c.approval("alice"))),
                    new Op("deny", Expect.RAISES, c -> c.f.store().cibaRequests().deny(c.ciba.authReqId())),
                    new Op("poll", pollExpects(damage), c -> assertThat(c.f.store().cibaRequests().poll(
                            c.ciba.authReqId())).isPresent()),
                    new Op("consume", Expect.RAISES, c -> c.f.store().cibaRequests().consume(c.ciba.authReqId())),
                    new Op("revoke", Expect.RAISES, c -> c.f.store().cibaRequests().revoke(c.ciba.authReqId())));
            default -> throw new AssertionError(damage.substore());
        };
    }

    /**
     * The poll (the hot path) reads and checks the expiry, state, interval and last poll only: a
     * damage elsewhere in the hash does not stop it.
     */
    private static Expect pollExpects(Damage damage) {
        return List.of("state not one of P A D C", "expiry not a number", "interval not a number",
                "last poll not a number", "a string instead of a hash").contains(damage.name())
                ? Expect.RAISES : Expect.PROCEEDS;
    }

    /**
     * A damaged record fails every operation but the poll ({@link #pollExpects}); a damaged
     * reservation fails those by user code (and
     * the save, which reads it) and leaves the read by device code as it was.
     */
    private static List<Op> deviceOps(boolean reservation, Expect poll) {
        Expect byDevice = reservation ? null : Expect.RAISES;
        List<Op> ops = new ArrayList<>(List.of(
                // same device code, another user code: the save reaches the record (its reservation is released)
                new Op("save", Expect.RAISES, c -> c.f.store().deviceAuthorizations().save(DeviceAuthorization.pending(
                        c.device.deviceCode(), reservation ? c.device.userCode() : "MNPQ-RSTV", "client-a",
                        Set.of("openid"), Map.of(), c.samples.now(), c.samples.now().plusSeconds(600),
                        Duration.ofSeconds(5)))),
                new Op("findByUserCode", Expect.RAISES,
                        c -> c.f.store().deviceAuthorizations().findByUserCode("bcdf ghjk")),
                new Op("approveByUserCode", Expect.RAISES, c -> c.f.store().deviceAuthorizations()
                        .approveByUserCode(c.device.userCode(), c.approval("alice"))),
                new Op("denyByUserCode", Expect.RAISES,
                        c -> c.f.store().deviceAuthorizations().denyByUserCode(c.device.userCode())),
                new Op("strike", Expect.RAISES, c -> c.f.store().deviceAuthorizations().strike(c.device.userCode())),
                new Op("find", reservation ? Expect.UNAFFECTED : Expect.RAISES,
                        c -> c.f.store().deviceAuthorizations().find(c.device.deviceCode()))));
        if (byDevice != null) {
            ops.addAll(List.of(
                    new Op("approve", byDevice, c -> c.f.store().deviceAuthorizations()
                            .approve(c.device.deviceCode(), c.approval("alice"))),
                    new Op("deny", byDevice, c -> c.f.store().deviceAuthorizations().deny(c.device.deviceCode())),
                    new Op("poll", poll, c -> assertThat(c.f.store().deviceAuthorizations().poll(c.device.deviceCode()))
                            .isPresent()),
                    new Op("consume", byDevice,
                            c -> c.f.store().deviceAuthorizations().consume(c.device.deviceCode())),
                    new Op("revoke", byDevice, c -> c.f.store().deviceAuthorizations().revoke(c.device.deviceCode())),
                    new Op("recordPollViolation", byDevice,
                            c -> c.f.store().deviceAuthorizations().recordPollViolation(c.device.deviceCode()))));
        }
        return ops;
    }

    private static InteractionCompareAndSwap cas(DamageFixture c) {
        return c.f.store().interactionCompareAndSwap().orElseThrow();
    }

    static Stream<Arguments> everyDamageMeetsEveryOperation() {
        List<Arguments> out = new ArrayList<>();
        for (Damage d : DAMAGES) {
            for (Op op : ops(d)) {
                out.add(Arguments.of(d.substore() + ", " + d.name() + ": " + op.name() + " " + op.expect(), d, op));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDamageMeetsEveryOperation")
    void aDamagedValueFailsTypedNamingKindAndOperationAndChangesNothing(String name, Damage damage, Op op) {
        DamageFixture c = new DamageFixture();
        try {
            damage.write().accept(c);
            c.persistAll();
            Map<String, String> before = c.snapshot();
            Throwable t = catchThrowable(() -> op.run().accept(c));
            switch (op.expect()) {
                case RAISES -> {
                    assertThat(t).as("%s", name).isExactlyInstanceOf(StoreException.class)
                            .hasMessageStartingWith("OIDCS-1454 redis " + damage.substore() + "." + op.name() + ":");
                    assertThat(t.getCause()).as("the cause is kept").isNotNull();
                    for (Throwable x = t; x != null; x = x.getCause()) {
                        assertThat(String.valueOf(x.getMessage())).as("no value, no identifier in %s", x.getClass())
                                .doesNotContain(DAMAGED).doesNotContain(c.ia.interactionId())
                                .doesNotContain(c.session.sessionId()).doesNotContain(c.jti)
                                .doesNotContain(c.par.requestUri()).doesNotContain(c.device.deviceCode())
                                .doesNotContain(c.device.userCode()).doesNotContain(c.ciba.authReqId())
                                .doesNotContain(c.ciba.clientNotificationToken());
                    }
                    assertThat(c.snapshot()).as("nothing changed").isEqualTo(before);
                }
                case REPLACES, PROCEEDS -> assertThat(t).as("%s", name).isNull();
                case UNAFFECTED -> {
                    assertThat(t).as("%s", name).isNull();
                    assertThat(c.snapshot()).as("nothing changed").isEqualTo(before);
                }
                default -> throw new AssertionError(op.expect());
            }
        } finally {
            c.f.close();
        }
    }
}
