package org.oidcstore.store.redis.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The binary body of stored records: a format byte, then fields in a fixed order. Each store
 * class writes and reads the body of its own kind with {@link Writer} and {@link Reader}. Strings are
 * UTF-8 with a varint length (length + 1, 0 meaning {@code null}); instants are zig-zag varint epoch
 * microseconds; collections a varint count then their elements. No reflection, no class names: a
 * body is readable by any later version, which keeps a switch on the format byte.
 *
 * <p>Shared field groups: a map of string lists ({@code m} in {@link LuaChecks}) is a count then
 * key, list pairs; an approval is a body of its own (layout {@code Ssli}: subject, acr, amr,
 * authTime; {@code ApprovalRecords}), kept in a hash field beside the record's body because scripts
 * set it.
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

    /**
     * Decodes a whole body: {@code fields} reads the fields in order and builds the record, then
     * nothing may follow them. Whatever goes wrong raises {@link DamagedRecordException}: a body
     * that does not decode, and values the record types refuse (a missing or blank id, an expiry
     * before creation), whose exceptions name the field, never the value. No other exception
     * leaves a decoder, so a damaged record is always reported as one ({@code OIDCS-1454}).
     */
    static <T> T read(byte[] body, String what, Function<Reader, T> fields) {
        Reader r = new Reader(body);
        T record;
        try {
            record = fields.apply(r);
        } catch (DamagedRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DamagedRecordException("its body does not decode to a valid " + what, e);
        }
        r.end();
        return record;
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

        Writer multiMap(Map<String, List<String>> map) {
            varint(map.size());
            map.forEach((k, v) -> string(k).strings(v));
            return this;
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
            if (n < 0 || n - 1 > in.length - pos) { // a length no long holds reads as negative
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

        Map<String, List<String>> multiMap() {
            int n = count();
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(string(), strings());
            }
            return out;
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
