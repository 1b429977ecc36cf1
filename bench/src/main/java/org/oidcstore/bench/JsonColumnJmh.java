package org.oidcstore.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JPA tier's JSON columns, encoded and decoded by its hand-written codec
 * ({@code jpa.internal.runtime.Json}) and by Jakarta JSON Processing on Eclipse Parsson (factories
 * created once, as a store would hold them). Two shapes a token flow writes and reads per request:
 * a scope set (the {@code scopes} column of codes, refresh and access tokens) and the parameters
 * of a pushed authorization request (an object of string arrays). JMH average time per call; the
 * ratio within one run is what counts (the machine is shared).
 *
 * <p>Run: {@code java -cp "bench/target/oidc-store-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main JsonColumnJmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JsonColumnJmh {

    @Param({"hand-written", "parsson"})
    public String codec;

    private Set<String> scopes;
    private Map<String, List<String>> parameters;
    private String scopesText;
    private String parametersText;
    private JsonReaderFactory readers;
    private JsonWriterFactory writers;
    private JsonProvider provider;

    @Setup
    public void setup() {
        scopes = new LinkedHashSet<>(List.of("openid", "profile", "email", "offline_access", "api:read"));
        parameters = new LinkedHashMap<>();
        parameters.put("response_type", List.of("code"));
        parameters.put("client_id", List.of("s6BhdRkqt3"));
        parameters.put("redirect_uri", List.of("https://client.example.org/cb"));
        parameters.put("scope", List.of("openid profile email offline_access"));
        parameters.put("state", List.of("af0ifjsldkj"));
        parameters.put("nonce", List.of("n-0S6_WzA2Mj"));
        parameters.put("code_challenge", List.of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        parameters.put("code_challenge_method", List.of("S256"));
        parameters.put("resource", List.of("https://api.example.org/a", "https://api.example.org/b"));
        provider = JsonProvider.provider();
        readers = provider.createReaderFactory(Map.of());
        writers = provider.createWriterFactory(Map.of());
        scopesText = org.oidcstore.store.jpa.internal.runtime.Json.array(scopes);
        parametersText = org.oidcstore.store.jpa.internal.runtime.Json.objectOfArrays(parameters);
        // both codecs must agree on what they exchange, else the comparison means nothing
        check(parsedSet(scopesText).equals(scopes), "scopes");
        check(parsedMap(parametersText).equals(parameters), "parameters");
        check(org.oidcstore.store.jpa.internal.runtime.Json.set(writeSet(scopes)).equals(scopes), "scopes back");
        check(org.oidcstore.store.jpa.internal.runtime.Json.mapOfLists(writeMap(parameters)).equals(parameters),
                "parameters back");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("the codecs disagree on " + what);
        }
    }

    @Benchmark
    public String encodeScopes() {
        return codec.equals("parsson") ? writeSet(scopes) : org.oidcstore.store.jpa.internal.runtime.Json.array(scopes);
    }

    @Benchmark
    public Set<String> decodeScopes() {
        return codec.equals("parsson") ? parsedSet(scopesText)
                : org.oidcstore.store.jpa.internal.runtime.Json.set(scopesText);
    }

    @Benchmark
    public String encodeParRequest() {
        return codec.equals("parsson") ? writeMap(parameters)
                : org.oidcstore.store.jpa.internal.runtime.Json.objectOfArrays(parameters);
    }

    @Benchmark
    public Map<String, List<String>> decodeParRequest() {
        return codec.equals("parsson") ? parsedMap(parametersText)
                : org.oidcstore.store.jpa.internal.runtime.Json.mapOfLists(parametersText);
    }

    private String writeSet(Set<String> values) {
        JsonArrayBuilder b = provider.createArrayBuilder();
        values.forEach(b::add);
        return write(b.build());
    }

    private String writeMap(Map<String, List<String>> values) {
        JsonObjectBuilder o = provider.createObjectBuilder();
        values.forEach((k, v) -> {
            JsonArrayBuilder a = provider.createArrayBuilder();
            v.forEach(a::add);
            o.add(k, a);
        });
        return write(o.build());
    }

    private String write(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = writers.createWriter(out)) {
            w.write(value);
        }
        return out.toString();
    }

    private Set<String> parsedSet(String text) {
        try (JsonReader r = readers.createReader(new StringReader(text))) {
            JsonArray a = r.readArray();
            Set<String> out = new LinkedHashSet<>();
            for (JsonValue v : a) {
                out.add(((JsonString) v).getString());
            }
            return out;
        }
    }

    private Map<String, List<String>> parsedMap(String text) {
        try (JsonReader r = readers.createReader(new StringReader(text))) {
            JsonObject o = r.readObject();
            Map<String, List<String>> out = new LinkedHashMap<>();
            o.forEach((k, v) -> {
                List<String> l = new ArrayList<>();
                for (JsonValue e : v.asJsonArray()) {
                    l.add(((JsonString) e).getString());
                }
                out.put(k, l);
            });
            return out;
        }
    }
}
