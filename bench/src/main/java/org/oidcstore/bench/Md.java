package org.oidcstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown fragment: headings, paragraphs and tables, written to one file per case. */
final class Md {
    private final StringBuilder sb = new StringBuilder();

    Md h(int level, String text) {
        sb.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    Md p(String text) {
        sb.append(text).append("\n\n");
        return this;
    }

    Table table(String... header) {
        return new Table(header);
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }

    final class Table {
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        private Table(String[] header) {
            this.header = header;
        }

        Table row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = String.valueOf(cells[i]);
            }
            rows.add(r);
            return this;
        }

        Md end() {
            sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
            for (int i = 0; i < header.length; i++) {
                sb.append(i == 0 ? "---|" : "---:|");
            }
            sb.append('\n');
            for (String[] r : rows) {
                sb.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
            sb.append('\n');
            return Md.this;
        }
    }
}
