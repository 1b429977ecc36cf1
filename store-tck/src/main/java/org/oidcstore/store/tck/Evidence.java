package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Assertions shared by the cross-cutting contracts: nothing written, nothing leaked. */
final class Evidence {
    private Evidence() {
    }

    /** Everything the backend persisted, sorted (engines list rows and keys in no fixed order). */
    static List<String> snapshot(StoreFixture fixture) {
        List<String> all = new ArrayList<>(fixture.persisted().dump());
        all.replaceAll(String::valueOf);
        Collections.sort(all);
        return all;
    }

    /** Runs {@code call} (which is expected to throw or to answer "absent") and checks it wrote nothing. */
    static void assertWritesNothing(StoreFixture fixture, String what, Runnable call) {
        List<String> before = snapshot(fixture);
        call.run();
        List<String> after = snapshot(fixture);
        List<String> added = new ArrayList<>(after);
        before.forEach(added::remove);
        List<String> removed = new ArrayList<>(before);
        after.forEach(removed::remove);
        assertThat(added).as("%s must write nothing, but added", what).isEmpty();
        assertThat(removed).as("%s must write nothing, but removed", what).isEmpty();
    }

    /**
     * No message (nor {@code toString}) of {@code error}, its causes or suppressed exceptions
     * contains any of {@code values}: a logged stack trace must not carry a bearer secret or an
     * identifier that works like one (a session or interaction id).
     */
    static void assertNoLeak(Throwable error, String... values) {
        assertThat(error).as("an exception was expected").isNotNull();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(error));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            for (String v : values) {
                assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                        .doesNotContain(v);
                assertThat(t.toString()).as("toString of %s", t.getClass().getName()).doesNotContain(v);
            }
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
    }

    /** The exception {@code call} throws; fails when it returns normally. */
    static Throwable thrownBy(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            return e;
        }
        throw new AssertionError("an exception was expected, the call returned normally");
    }

    /** Runs {@code check}, naming {@code subject} in its failure (the kind or value a loop was at). */
    static void about(Object subject, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            AssertionError named = new AssertionError("[" + subject + "] " + e.getMessage(), e);
            named.setStackTrace(e.getStackTrace());
            throw named;
        }
    }

    /**
     * Runs every check, even after one failed, and fails once naming each subject whose check
     * failed, so that one broken kind does not hide the state of the others.
     */
    static <K> void aboutEach(java.util.Map<K, Runnable> checks) {
        List<AssertionError> failed = new ArrayList<>();
        checks.forEach((subject, check) -> {
            try {
                about(subject, check);
            } catch (AssertionError e) {
                failed.add(e);
            } catch (RuntimeException e) {
                failed.add(new AssertionError("[" + subject + "] threw " + e, e));
            }
        });
        if (!failed.isEmpty()) {
            StringBuilder all = new StringBuilder(failed.size() + " of " + checks.size() + " failed:");
            failed.forEach(e -> all.append("\n").append(e.getMessage()));
            AssertionError error = new AssertionError(all.toString(), failed.get(0));
            failed.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }
}
