package org.oidcstore.store.spi;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.Approval;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;

/**
 * The one measure of a volatile record's size, so that {@code max-value-bytes} means the same on
 * every volatile tier (memory, Redis): the UTF-8 bytes of every string the record holds (ids, map
 * keys, values, list elements), plus the raw bytes of an interaction's state, plus 8 bytes per
 * instant. It does not depend on how a backend encodes the record, so a record one tier accepts is
 * never refused by another with the same setting. A backend refuses a larger record with
 * {@link IllegalArgumentException} before anything is written.
 */
public final class ValueSize {

    /** Default of every tier's {@code max-value-bytes}: 64 KiB. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 64 * 1024;
    /** Smallest allowed {@code max-value-bytes}. */
    public static final int MIN_MAX_VALUE_BYTES = 1024;
    /** Largest allowed {@code max-value-bytes}: 1 MiB. */
    public static final int MAX_MAX_VALUE_BYTES = 1024 * 1024;

    private static final int INSTANT_BYTES = 8;

    private ValueSize() {
    }

    public static long of(PushedAuthorizationRequest r) {
        long n = utf8(r.requestUri()) + utf8(r.clientId()) + 2L * INSTANT_BYTES;
        for (Map.Entry<String, List<String>> e : r.parameters().entrySet()) {
            n += utf8(e.getKey()) + utf8(e.getValue());
        }
        return n;
    }

    public static long of(Session s) {
        return utf8(s.sessionId()) + utf8(s.subject()) + utf8(s.chooserGroup()) + utf8(s.acr()) + utf8(s.amr())
                + utf8(s.clientIds()) + 4L * INSTANT_BYTES;
    }

    public static long of(Interaction i) {
        return utf8(i.interactionId()) + i.stateLength() + 2L * INSTANT_BYTES;
    }

    /**
     * A device authorization: both codes (as the record carries them), the client id, scopes,
     * parameters and approval strings, and four instants ({@code createdAt}, {@code expiresAt},
     * {@code lastPolledAt}, the approval's {@code authTime}) whether set or not; the interval, the
     * state and the counters are not counted.
     */
    public static long of(DeviceAuthorization d) {
        long n = utf8(d.deviceCode()) + utf8(d.userCode()) + utf8(d.clientId()) + utf8(d.scopes())
                + of(d.approval()) + 4L * INSTANT_BYTES;
        for (Map.Entry<String, List<String>> e : d.parameters().entrySet()) {
            n += utf8(e.getKey()) + utf8(e.getValue());
        }
        return n;
    }

    /**
     * A backchannel authentication request: its strings (the notification token in clear, as the
     * record carries it), the approval's strings, and four instants ({@code createdAt},
     * {@code expiresAt}, {@code lastPolledAt}, the approval's {@code authTime}) whether set or
     * not; the mode, the interval and the state are not counted.
     */
    public static long of(CibaRequest r) {
        return utf8(r.authReqId()) + utf8(r.clientId()) + utf8(r.subject()) + utf8(r.scopes())
                + utf8(r.acrValues()) + utf8(r.bindingMessage()) + utf8(r.clientNotificationToken())
                + of(r.approval()) + 4L * INSTANT_BYTES;
    }

    private static long of(Approval a) {
        return a == null ? 0 : utf8(a.subject()) + utf8(a.acr()) + utf8(a.amr());
    }

    /**
     * Refuses a record larger than {@code maxValueBytes}.
     *
     * @throws IllegalArgumentException naming the kind, the size and the limit (never the content)
     */
    public static void check(long size, int maxValueBytes, String kind, String key) {
        if (size > maxValueBytes) {
            throw new IllegalArgumentException("the " + kind + " record is " + size + " bytes, more than " + key
                    + " = " + maxValueBytes + "; nothing was written");
        }
    }

    private static long utf8(Collection<String> values) {
        long n = 0;
        for (String v : values) {
            n += utf8(v);
        }
        return n;
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
