package org.oidcstore.store.tck;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.Limits;

/**
 * Values exactly at the caps of {@link Limits}, in three shapes, full of what a storage encoding
 * can get wrong: characters JSON escapes (quotes, backslashes, control characters other than NUL,
 * which expand to six bytes each), line and paragraph separators, and characters of three and
 * four UTF-8 bytes (a surrogate pair is never split).
 */
final class Caps {
    private Caps() {
    }

    /** How a collection reaches {@link Limits#MAX_COLLECTION_BYTES}. */
    enum Shape {
        /** {@link Limits#MAX_ELEMENTS} elements of 256 bytes, most of them JSON-escaped characters. */
        MOST_ELEMENTS,
        /** Elements of {@link Limits#MAX_ELEMENT_LENGTH} characters, JSON-escaped characters throughout. */
        LONGEST_ELEMENTS,
        /** Elements of {@link Limits#MAX_ELEMENT_LENGTH} characters of three- and four-byte characters. */
        WIDEST_CHARACTERS
    }

    /** ASCII characters JSON escapes, or that engines mishandle (quote, backslash, controls, DEL). */
    private static final String ESCAPED = "\"\\\t\n\r\b\f\u0001\u001f\u007f'/%_";
    /** A three-byte character, the line separator, and a four-byte character (two chars). */
    private static final String WIDE = "\u20ac\u2028\uD83D\uDE00";

    /** {@code length} characters cycling through {@code alphabet}, never ending in half a surrogate pair. */
    static String fill(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        int i = 0;
        while (b.length() < length) {
            char c = alphabet.charAt(i % alphabet.length());
            if (Character.isHighSurrogate(c)) {
                if (b.length() + 2 > length) {
                    b.append('x');
                    continue;
                }
                b.append(c).append(alphabet.charAt((i + 1) % alphabet.length()));
                i += 2;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** A single text field at {@link Limits#MAX_TEXT_LENGTH}, escapes and wide characters mixed. */
    static String text(char tag) {
        return tag + fill(ESCAPED + WIDE, Limits.MAX_TEXT_LENGTH - 1);
    }

    /** An inline JWK Set at {@link Limits#MAX_JWKS_LENGTH} characters. */
    static String jwks() {
        String head = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"";
        String tail = "\"}]}";
        return head + fill(ESCAPED + WIDE, Limits.MAX_JWKS_LENGTH - head.length() - tail.length()) + tail;
    }

    /** A modular-crypt hash in a text field at {@link Limits#MAX_TEXT_LENGTH} (printable ASCII only). */
    static String secretHash() {
        String head = "$pbkdf2-sha256$i=1000$";
        return head + fill("!#%&()*+,-./09:;<=>?@AZ[]^_`az{|}~", Limits.MAX_TEXT_LENGTH - head.length());
    }

    /** An absolute URI in a text field at {@link Limits#MAX_TEXT_LENGTH}. */
    static java.net.URI uri(String host) {
        String head = "https://" + host + "/cb?x=";
        return java.net.URI.create(head + fill("%22%5C%E2%82%ACa-b_c~", Limits.MAX_TEXT_LENGTH - head.length()));
    }

    /** An identifier at {@link Limits#MAX_ID_LENGTH}: no control characters, wide characters included. */
    static String id(String prefix) {
        return prefix + fill("\u20ac\uD83D\uDE00-aZ", Limits.MAX_ID_LENGTH - prefix.length());
    }

    /** Distinct elements of one collection, {@link Limits#MAX_COLLECTION_BYTES} UTF-8 bytes in all. */
    static List<String> collection(Shape shape, char tag) {
        List<String> out = new ArrayList<>();
        switch (shape) {
            case MOST_ELEMENTS -> {
                int each = Limits.MAX_COLLECTION_BYTES / Limits.MAX_ELEMENTS; // 256 ASCII bytes
                for (int i = 0; i < Limits.MAX_ELEMENTS; i++) {
                    String head = tag + String.format("%03d", i);
                    out.add(head + fill(ESCAPED, each - head.length()));
                }
            }
            case LONGEST_ELEMENTS -> {
                int n = Limits.MAX_COLLECTION_BYTES / Limits.MAX_ELEMENT_LENGTH; // 16 ASCII elements
                for (int i = 0; i < n; i++) {
                    String head = tag + String.format("%02d", i);
                    out.add(head + fill(ESCAPED, Limits.MAX_ELEMENT_LENGTH - head.length()));
                }
            }
            case WIDEST_CHARACTERS -> {
                // 4096 chars = 2047 four-byte pairs (8188 bytes) + one distinct three-byte char + one ASCII tag
                int n = Limits.MAX_COLLECTION_BYTES / 8192;
                for (int i = 0; i < n; i++) {
                    out.add(tag + String.valueOf((char) ('\u20ac' + i)) + "\uD83D\uDE00".repeat(2047));
                }
            }
            default -> throw new IllegalArgumentException(shape.name());
        }
        if (bytes(out) != Limits.MAX_COLLECTION_BYTES) {
            throw new IllegalStateException("the " + shape + " generator is off: " + bytes(out) + " bytes");
        }
        return out;
    }

    /** A map whose keys and values together take {@link Limits#MAX_COLLECTION_BYTES} bytes. */
    static Map<String, String> map(Shape shape, char tag) {
        List<String> parts = collection(shape, tag);
        Map<String, String> out = new LinkedHashMap<>();
        if (shape == Shape.MOST_ELEMENTS) {
            // a map counts entries: 256 entries of a 128-byte key and a 128-byte value
            for (String p : parts) {
                out.put(p.substring(0, 128), p.substring(128));
            }
        } else {
            for (int i = 0; i + 1 < parts.size(); i += 2) {
                out.put(parts.get(i), parts.get(i + 1));
            }
        }
        return out;
    }

    static long bytes(List<String> values) {
        long n = 0;
        for (String v : values) {
            n += v.getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }
}
