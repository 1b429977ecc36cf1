package org.oidcstore.store.redis.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;

/**
 * Decodes the ten fields of an {@link ApprovalScripts} hash (in {@link ApprovalScripts#FIELDS}
 * order) into the record they hold, checking what the scripts' {@code load()} checks: anything
 * missing, malformed or refused by the record types is a {@link DamagedRecordException}
 * ({@code OIDCS-1454}).
 */
final class ApprovalRecords {
    private ApprovalRecords() {
    }

    /** A device authorization without its codes (the caller sets the one presented). */
    static DeviceAuthorization device(List<byte[]> v) {
        if (v.get(ApprovalScripts.J) != null || v.get(ApprovalScripts.U) == null) {
            throw new DamagedRecordException("its fields are not those of a device authorization");
        }
        Instant expiresAt = Micros.parse(v.get(ApprovalScripts.X));
        ApprovalState state = ApprovalScripts.state(v.get(ApprovalScripts.S));
        Duration interval = interval(v);
        Instant lastPolledAt = polled(v);
        Approval approval = approval(v, state);
        long strikes = ApprovalScripts.count(v.get(ApprovalScripts.K), "the strikes");
        long violations = ApprovalScripts.count(v.get(ApprovalScripts.V), "the poll violations");
        return RecordCodec.read(v.get(ApprovalScripts.D), "device authorization", r -> {
            String clientId = r.string();
            List<String> scopes = r.strings();
            var parameters = r.multiMap();
            Instant createdAt = r.instant();
            return new DeviceAuthorization(null, null, clientId, new HashSet<>(scopes), parameters, createdAt, expiresAt,
                    interval, state, approval, lastPolledAt, Math.toIntExact(strikes), Math.toIntExact(violations));
        });
    }

    /**
     * A backchannel request without its id (the caller sets the one presented), its notification
     * token opened.
     *
     * @throws DamagedRecordException also when no pepper of this node opens the sealed token (sealed
     *     under a pepper dropped since, or damaged): the request is unusable
     */
    static CibaRequest ciba(List<byte[]> v, SecretDigest digest) {
        if (v.get(ApprovalScripts.U) != null || v.get(ApprovalScripts.K) != null || v.get(ApprovalScripts.V) != null
                || v.get(ApprovalScripts.J) == null) {
            throw new DamagedRecordException("its fields are not those of a backchannel authentication request");
        }
        Instant expiresAt = Micros.parse(v.get(ApprovalScripts.X));
        ApprovalState state = ApprovalScripts.state(v.get(ApprovalScripts.S));
        Duration interval = interval(v);
        Instant lastPolledAt = polled(v);
        Approval approval = approval(v, state);
        String subject = Values.utf8(v.get(ApprovalScripts.J));
        String[] sealed = new String[1];
        CibaRequest r0 = RecordCodec.read(v.get(ApprovalScripts.D), "backchannel authentication request", r -> {
            String clientId = r.string();
            List<String> scopes = r.strings();
            List<String> acrValues = r.strings();
            String bindingMessage = r.string();
            CibaMode mode = CibaMode.valueOf(r.string());
            sealed[0] = r.string();
            Instant createdAt = r.instant();
            // the placeholder "id" stands for the token until it is opened below
            return new CibaRequest("id", clientId, subject, new HashSet<>(scopes), acrValues, bindingMessage, mode,
                    sealed[0] == null ? null : "id", createdAt, expiresAt, interval, state, approval, lastPolledAt);
        });
        if (sealed[0] == null) {
            return r0;
        }
        Optional<String> token = digest.unseal(StoreKind.CIBA_REQUESTS, sealed[0]);
        if (token.isEmpty()) {
            throw new DamagedRecordException("its notification token opens under no pepper of this node (sealed under "
                    + "a pepper dropped since, or damaged)");
        }
        try {
            return RedisCibaRequestStore.with(r0, r0.authReqId(), token.get());
        } catch (IllegalArgumentException e) {
            throw new DamagedRecordException("its notification token is not a valid one", e);
        }
    }

    /** An approval's body (layout {@code Ssli}). */
    static byte[] approval(Approval a) {
        return new RecordCodec.Writer(RecordCodec.FORMAT_1).string(a.subject()).string(a.acr()).strings(a.amr()).instant(a.authTime())
                .bytes();
    }

    /** Decodes {@link #approval(Approval)}; {@code null} stays {@code null} (no approval yet). */
    static Approval approval(byte[] body) {
        return body == null ? null
                : RecordCodec.read(body, "approval", r -> new Approval(r.string(), r.string(), r.strings(), r.instant()));
    }

    private static Duration interval(List<byte[]> v) {
        return Duration.ofSeconds(ApprovalScripts.count(v.get(ApprovalScripts.I), "the interval"));
    }

    private static Instant polled(List<byte[]> v) {
        return v.get(ApprovalScripts.L) == null ? null : Micros.parse(v.get(ApprovalScripts.L));
    }

    private static Approval approval(List<byte[]> v, ApprovalState state) {
        byte[] a = v.get(ApprovalScripts.A);
        if (a == null ? state == ApprovalState.APPROVED || state == ApprovalState.CONSUMED
                : state == ApprovalState.PENDING) {
            throw new DamagedRecordException("its approval does not match its state");
        }
        return approval(a);
    }
}
