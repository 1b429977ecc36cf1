package org.oidcstore.it.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server's log as records (a record is a line that starts with the server's timestamp and
 * the lines that continue it: a multi-line message, a stack trace) and counts how often each
 * problem id is printed, per record. Used to prove that a refused deployment shows each problem
 * once in every report the server writes about it.
 */
public final class LogRecords {
    private static final Pattern ID = Pattern.compile("OIDCS-\\d{4}");

    private LogRecords() {
    }

    /** The records of {@code lines}: a line matching {@code start} begins one, the others continue it. */
    public static List<String> split(List<String> lines, Pattern start) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (start.matcher(line).lookingAt()) {
                if (current != null) {
                    out.add(current.toString());
                }
                current = new StringBuilder(line);
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }

    /** The problem ids in {@code text}, each once, in the order they first appear. */
    public static List<String> ids(String text) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        Matcher m = ID.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return List.copyOf(out);
    }

    /** How often {@code needle} occurs in {@code text}. */
    public static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** The records that mention any of {@code ids}. */
    public static List<String> mentioning(List<String> records, List<String> ids) {
        return records.stream().filter(r -> ids.stream().anyMatch(r::contains)).toList();
    }

    /** For each id, how often each of {@code records} prints it (one number per record). */
    public static Map<String, List<Integer>> timesPerRecord(List<String> records, List<String> ids) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, records.stream().map(r -> count(r, id)).toList());
        }
        return out;
    }

    /** Everything a throwable prints (messages of its causes and suppressed exceptions included). */
    public static String printed(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w, true));
        return w.toString();
    }

    /** The HTTP status of a GET of {@code uri}. */
    public static int status(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
