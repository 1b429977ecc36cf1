package org.oidcstore.store.tck;

import java.util.List;
import java.util.stream.Stream;
import org.oidcstore.store.Limits;

/**
 * An identifier no store may accept ({@link Limits}), with the storable values an engine could
 * confuse it with: what a UTF-8 encoder makes of a lone surrogate ({@code ?} or U+FFFD), what a C
 * string or a trimming column makes of a NUL or a trailing line break, what a truncating column
 * makes of a value one character too long.
 *
 * @param label how the case is named
 * @param value the unstorable identifier
 * @param lookAlikes the storable values it could collide with
 */
public record BadId(String label, String value, List<String> lookAlikes) {

    /** Every unstorable identifier of the contracts. */
    public static Stream<BadId> all() {
        return Stream.of(new BadId("empty", "", List.of()), new BadId("blank", " ", List.of()),
                new BadId("lone surrogate", "jti\uDC00", List.of("jti?", "jti\uFFFD")),
                new BadId("NUL", "a\u0000b", List.of("a", "ab")), new BadId("CR", "cr\r", List.of("cr")),
                new BadId("LF", "lf\n", List.of("lf")),
                new BadId("513 characters", "i".repeat(Limits.MAX_ID_LENGTH + 1),
                        List.of("i".repeat(Limits.MAX_ID_LENGTH))));
    }

    /** Those that have look-alikes. */
    public static Stream<BadId> withLookAlikes() {
        return all().filter(b -> !b.lookAlikes().isEmpty());
    }

    @Override
    public String toString() {
        return label;
    }
}
