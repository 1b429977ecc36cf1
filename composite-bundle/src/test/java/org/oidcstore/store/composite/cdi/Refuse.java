package org.oidcstore.store.composite.cdi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The test backends' producers call this instead of creating anything: deployment validation must
 * never create a backend bean, so any call is recorded and fails loudly.
 */
public final class Refuse {
    private static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());

    private Refuse() {
    }

    public static <T> T create(String what) {
        CALLS.add(what);
        throw new AssertionError("a backend bean was created: " + what);
    }

    /** What was created since the last {@link #reset()}. */
    public static List<String> calls() {
        synchronized (CALLS) {
            return List.copyOf(CALLS);
        }
    }

    public static void reset() {
        CALLS.clear();
    }
}
