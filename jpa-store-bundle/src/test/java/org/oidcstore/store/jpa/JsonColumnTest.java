package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.MalformedJsonException;

/**
 * The JSON column codec on its own (the engines' side is {@code CorruptStoredDataTest} and the
 * TCK's records at the caps): what it writes is ASCII and reads back exactly, and text it did not
 * write fails typed, naming the offset and never the text.
 */
class JsonColumnTest {
    private static final String MARK = "PRIVATE";

    @Test
    void whatItWritesIsAsciiAndReadsBackExactlyLoneSurrogatesIncluded() {
        List<String> values = List.of("openid", "quote\" back\\slash", "é中😀", "lone\uD800", "\uDC00lone", "\u0000\n\t");
        String text = Json.array(values);
        assertThat(text.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(text).isEqualTo("[\"openid\",\"quote\\\" back\\\\slash\",\"\\u00e9\\u4e2d\\ud83d\\ude00\","
                + "\"lone\\ud800\",\"\\udc00lone\",\"\\u0000\\u000a\\u0009\"]");
        assertThat(Json.list(text)).containsExactlyElementsOf(values);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("scope", List.of("openid email"));
        parameters.put("resource", List.of("https://a.example", "https://b.example"));
        assertThat(Json.mapOfLists(Json.objectOfArrays(parameters))).isEqualTo(parameters)
                .containsOnlyKeys("scope", "resource");
        assertThat(Json.map(Json.object(Map.of("k\uDBFF", "v")))).isEqualTo(Map.of("k\uDBFF", "v"));
        assertThat(Json.set("[ \"a\" , \"b\" ]")).containsExactly("a", "b");
    }

    @Test
    void textItDidNotWriteFailsTypedWithTheOffsetButNotTheText() {
        Map<String, String> damaged = Map.of(
                "[\"" + MARK, "unexpected end",
                "[\"" + MARK + "\",]", "expected '\"'",
                "[1, \"" + MARK + "\"]", "expected '\"'",
                "{\"" + MARK + "\"}", "expected '['",
                "[\"" + MARK + "\"] trailing", "trailing text",
                "[\"\\u12" + MARK + "\"]", "a \\u escape without four hex digits");
        damaged.forEach((text, what) -> assertThatThrownBy(() -> Json.list(text)).as(text)
                .isExactlyInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("malformed JSON column at offset ").hasMessageEndingWith(what)
                .hasMessageNotContaining(MARK));
        assertThatThrownBy(() -> Json.map("{\"email\": 1}")).isExactlyInstanceOf(MalformedJsonException.class)
                .hasMessage("malformed JSON column at offset 10: expected '\"'");
        assertThatThrownBy(() -> Json.set(null)).isExactlyInstanceOf(MalformedJsonException.class)
                .hasMessage("malformed JSON column at offset 0: SQL NULL where JSON text was expected");
    }
}
