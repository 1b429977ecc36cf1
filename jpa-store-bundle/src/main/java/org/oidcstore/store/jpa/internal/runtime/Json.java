package org.oidcstore.store.jpa.internal.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON text of collection columns: arrays of strings, objects of strings and objects of
 * string arrays, nothing else. Every character outside printable ASCII is escaped, so the text is
 * pure ASCII and round-trips exactly (unpaired surrogates included) whatever the column charset.
 * Order is kept: lists and sets in iteration order, maps in insertion order. Text that is not
 * what this class writes raises {@link MalformedJsonException} (offset and expectation, never the
 * text).
 *
 * <p>Hand-written rather than Jakarta JSON Processing: Parsson writes characters outside ASCII
 * unescaped, so a lone surrogate would not survive a UTF-8 column (the module README, "JSON
 * columns", has the reasoning and the numbers of {@code bench/JsonColumnRounds}).
 */
public final class Json {
    private Json() {
    }

    public static String array(Collection<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (String v : values) {
            if (b.length() > 1) {
                b.append(',');
            }
            string(b, v);
        }
        return b.append(']').toString();
    }

    public static String object(Map<String, String> values) {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            string(b, k);
            b.append(':');
            string(b, v);
        });
        return b.append('}').toString();
    }

    public static String objectOfArrays(Map<String, List<String>> values) {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            string(b, k);
            b.append(':').append(array(v));
        });
        return b.append('}').toString();
    }

    public static List<String> list(String json) {
        Parser p = new Parser(json);
        List<String> out = p.array();
        p.end();
        return out;
    }

    public static Set<String> set(String json) {
        return new LinkedHashSet<>(list(json));
    }

    public static Map<String, String> map(String json) {
        Parser p = new Parser(json);
        Map<String, String> out = new LinkedHashMap<>();
        p.expect('{');
        if (!p.peek('}')) {
            do {
                String k = p.string();
                p.expect(':');
                out.put(k, p.string());
            } while (p.optional(','));
        }
        p.expect('}');
        p.end();
        return out;
    }

    public static Map<String, List<String>> mapOfLists(String json) {
        Parser p = new Parser(json);
        Map<String, List<String>> out = new LinkedHashMap<>();
        p.expect('{');
        if (!p.peek('}')) {
            do {
                String k = p.string();
                p.expect(':');
                out.put(k, p.array());
            } while (p.optional(','));
        }
        p.expect('}');
        p.end();
        return out;
    }

    private static void string(StringBuilder b, String v) {
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        b.append('"');
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            if (s == null) {
                throw new MalformedJsonException(0, "SQL NULL where JSON text was expected");
            }
            this.s = s;
        }

        List<String> array() {
            List<String> out = new ArrayList<>();
            expect('[');
            if (!peek(']')) {
                do {
                    out.add(string());
                } while (optional(','));
            }
            expect(']');
            return out;
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case 'u' -> {
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = Character.digit(next(), 16);
                            if (digit < 0) {
                                throw malformed("a \\u escape without four hex digits");
                            }
                            code = code * 16 + digit;
                        }
                        b.append((char) code);
                    }
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    default -> b.append(e);
                }
            }
        }

        boolean peek(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        boolean optional(char c) {
            if (peek(c)) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!optional(c)) {
                throw malformed("expected '" + c + "'");
            }
        }

        void end() {
            skip();
            if (i != s.length()) {
                throw malformed("trailing text");
            }
        }

        private char next() {
            if (i >= s.length()) {
                throw malformed("unexpected end");
            }
            return s.charAt(i++);
        }

        /** Names the offset, never the text: a column may hold personal data. */
        private MalformedJsonException malformed(String what) {
            return new MalformedJsonException(i, what);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
