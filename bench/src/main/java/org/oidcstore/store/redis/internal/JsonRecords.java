package org.oidcstore.store.redis.internal;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;

/**
 * The same bodies as {@link RecordCodec}, as JSON through Jakarta JSON Processing (Eclipse
 * Parsson), streaming API both ways, short member names, instants as epoch microseconds: the
 * leanest JSON-P mapping, so the comparison favours JSON rather than the varint codec.
 */
final class JsonRecords {
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonRecords() {
    }

    static byte[] session(Session s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = GENERATORS.createGenerator(out, StandardCharsets.UTF_8)) {
            g.writeStartObject().write("v", 1).write("i", s.sessionId()).write("s", s.subject());
            string(g, "g", s.chooserGroup());
            instant(g, "a", s.authTime());
            string(g, "r", s.acr());
            strings(g, "m", s.amr());
            strings(g, "c", s.clientIds());
            instant(g, "t", s.createdAt());
            g.writeEnd();
        }
        return out.toByteArray();
    }

    static Session session(byte[] body, Instant updatedAt, Instant expiresAt) {
        Session.Builder b = Session.builder().updatedAt(updatedAt).expiresAt(expiresAt);
        try (JsonParser p = PARSERS.createParser(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            p.next(); // START_OBJECT
            while (p.next() == JsonParser.Event.KEY_NAME) {
                String k = p.getString();
                switch (k) {
                    case "v" -> version(p);
                    case "i" -> b.sessionId(string(p));
                    case "s" -> b.subject(string(p));
                    case "g" -> b.chooserGroup(string(p));
                    case "a" -> b.authTime(instant(p));
                    case "r" -> b.acr(string(p));
                    case "m" -> b.amr(strings(p));
                    case "c" -> b.clientIds(strings(p));
                    case "t" -> b.createdAt(instant(p));
                    default -> throw new IllegalStateException("unknown member");
                }
            }
        }
        return b.build();
    }

    static byte[] par(PushedAuthorizationRequest r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = GENERATORS.createGenerator(out, StandardCharsets.UTF_8)) {
            g.writeStartObject().write("v", 1).write("c", r.clientId()).writeStartObject("p");
            r.parameters().forEach((k, v) -> strings(g, k, v));
            g.writeEnd();
            instant(g, "t", r.createdAt());
            g.writeEnd();
        }
        return out.toByteArray();
    }

    static PushedAuthorizationRequest par(byte[] body, String presentedUri, Instant expiresAt) {
        String clientId = null;
        Instant createdAt = null;
        Map<String, List<String>> params = new LinkedHashMap<>();
        try (JsonParser p = PARSERS.createParser(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            p.next();
            while (p.next() == JsonParser.Event.KEY_NAME) {
                switch (p.getString()) {
                    case "v" -> version(p);
                    case "c" -> clientId = string(p);
                    case "t" -> createdAt = instant(p);
                    case "p" -> {
                        p.next(); // START_OBJECT
                        while (p.next() == JsonParser.Event.KEY_NAME) {
                            String name = p.getString();
                            params.put(name, strings(p));
                        }
                    }
                    default -> throw new IllegalStateException("unknown member");
                }
            }
        }
        return new PushedAuthorizationRequest(presentedUri, clientId, params, createdAt, expiresAt);
    }

    private static void string(JsonGenerator g, String k, String v) {
        if (v == null) {
            g.writeNull(k);
        } else {
            g.write(k, v);
        }
    }

    private static void strings(JsonGenerator g, String k, java.util.Collection<String> values) {
        g.writeStartArray(k);
        values.forEach(g::write);
        g.writeEnd();
    }

    private static void instant(JsonGenerator g, String k, Instant t) {
        if (t == null) {
            g.writeNull(k);
        } else {
            g.write(k, Micros.of(t));
        }
    }

    private static void version(JsonParser p) {
        p.next();
        if (p.getInt() != 1) {
            throw new IllegalStateException("unknown format");
        }
    }

    private static String string(JsonParser p) {
        return p.next() == JsonParser.Event.VALUE_NULL ? null : p.getString();
    }

    private static Instant instant(JsonParser p) {
        return p.next() == JsonParser.Event.VALUE_NULL ? null : Micros.instant(p.getLong());
    }

    private static List<String> strings(JsonParser p) {
        p.next(); // START_ARRAY
        List<String> out = new ArrayList<>();
        while (p.next() != JsonParser.Event.END_ARRAY) {
            out.add(p.getString());
        }
        return out;
    }
}
