package org.oidcstore.store.redis.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;

/**
 * The binary body of stored records: a format byte, then fields in a fixed order. Strings are
 * UTF-8 with a varint length (length + 1, 0 meaning {@code null}); instants are zig-zag varint epoch
 * microseconds; collections a varint count then their elements. No reflection, no class names: a
 * body is readable by any later version, which keeps a switch on the format byte.
 *
 * <p>Fields that scripts read or change (expiry, updatedAt, interaction state) live beside the body
 * in their own hash fields; bearer values (request URIs, JWT IDs) are never part of a body.
 *
 * <p>A body that does not decode (unknown format, truncated, trailing bytes) or decodes to values
 * the record types refuse raises {@link DamagedRecordException}. The scripts that read bodies check
 * the same structure in Lua before they change anything ({@link LuaChecks}).
 */
final class RecordCodec {
    static final int FORMAT_1 = 1;

    private RecordCodec() {
    }

    /** Session body: everything but updatedAt and expiresAt (hash fields {@code u}, {@code x}). */
    static byte[] session(Session s) {
        Writer w = new Writer(FORMAT_1);
        w.string(s.sessionId()).string(s.subject()).string(s.chooserGroup()).instant(s.authTime())
                .string(s.acr()).strings(s.amr()).strings(s.clientIds()).instant(s.createdAt());
        return w.bytes();
    }

    static Session session(byte[] body, Instant updatedAt, Instant expiresAt) {
        Reader r = new Reader(body);
        Session s = valid("session", () -> Session.builder().sessionId(r.string()).subject(r.string())
                .chooserGroup(r.string()).authTime(r.instant()).acr(r.string()).amr(r.strings())
                .clientIds(r.strings()).createdAt(r.instant()).updatedAt(updatedAt).expiresAt(expiresAt).build());
        r.end();
        return s;
    }

    /** PAR body: client, parameters, createdAt; never the request URI (only its digest is a key). */
    static byte[] par(PushedAuthorizationRequest p) {
        Writer w = new Writer(FORMAT_1).string(p.clientId());
        w.varint(p.parameters().size());
        p.parameters().forEach((k, v) -> w.string(k).strings(v));
        return w.instant(p.createdAt()).bytes();
    }

    static PushedAuthorizationRequest par(byte[] body, String presentedUri, Instant expiresAt) {
        Reader r = new Reader(body);
        String clientId = r.string();
        int n = r.count();
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            params.put(r.string(), r.strings());
        }
        Instant createdAt = r.instant();
        r.end();
        return valid("pushed request", () -> new PushedAuthorizationRequest(presentedUri, clientId, params, createdAt,
                expiresAt));
    }

    /** Interaction body: createdAt (the state is the hash field {@code s}, raw). */
    static byte[] interaction(Instant createdAt) {
        return new Writer(FORMAT_1).instant(createdAt).bytes();
    }

    static Instant interactionCreatedAt(byte[] body) {
        Reader r = new Reader(body);
        Instant t = r.instant();
        r.end();
        return t;
    }

    /**
     * Builds a decoded record; the record types refuse damaged values (a missing or blank id,
     * an expiry before creation) with exceptions that name the field, never the value.
     */
    private static <T> T valid(String what, Supplier<T> record) {
        try {
            return record.get();
        } catch (DamagedRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DamagedRecordException("its body does not decode to a valid " + what, e);
        }
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        Writer(int format) {
            out.write(format);
        }

        Writer varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Writer string(String s) {
            if (s == null) {
                return varint(0);
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length + 1L);
            out.writeBytes(b);
            return this;
        }

        Writer strings(Collection<String> values) {
            varint(values.size());
            values.forEach(this::string);
            return this;
        }

        Writer instant(Instant t) {
            long m = Micros.of(t);
            return varint((m << 1) ^ (m >> 63));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final byte[] in;
        private int pos;

        Reader(byte[] body) {
            if (body == null) {
                throw new DamagedRecordException("its body is missing");
            }
            in = body;
            if (body.length == 0 || body[0] != FORMAT_1) {
                throw new DamagedRecordException("its body has format "
                        + (body.length == 0 ? "<empty>" : Integer.toString(body[0] & 0xFF))
                        + "; this version reads format " + FORMAT_1 + ": was it written by a newer oidc-store?");
            }
            pos = 1;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw corrupt();
        }

        int count() {
            long n = varint();
            if (n < 0 || n > in.length) {
                throw corrupt();
            }
            return (int) n;
        }

        String string() {
            long n = varint();
            if (n == 0) {
                return null;
            }
            if (n - 1 > in.length - pos) {
                throw corrupt();
            }
            String s = new String(in, pos, (int) (n - 1), StandardCharsets.UTF_8);
            pos += (int) (n - 1);
            return s;
        }

        List<String> strings() {
            int n = count();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        Instant instant() {
            long z = varint();
            return Micros.instant((z >>> 1) ^ -(z & 1));
        }

        void end() {
            if (pos != in.length) {
                throw corrupt();
            }
        }

        private byte next() {
            if (pos >= in.length) {
                throw corrupt();
            }
            return in[pos++];
        }

        private static DamagedRecordException corrupt() {
            return new DamagedRecordException("its body is truncated or does not decode");
        }
    }
}
