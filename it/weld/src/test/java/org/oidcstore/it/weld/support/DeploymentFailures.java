package org.oidcstore.it.weld.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * An Arquillian extension that records why a deployment failed, so that a test whose deployment is
 * expected to fail ({@code @ShouldThrowException}) can assert on the problem ids. It observes the
 * deployment inside Arquillian's own exception handler (lower precedence), keeps the exception by
 * archive name and rethrows it unchanged: the handler still matches the expected type. It also keeps
 * what was logged (java.util.logging) while the archive deployed, to count how often each problem
 * is shown.
 */
public final class DeploymentFailures implements LoadableExtension {
    private static final Pattern ID = Pattern.compile("OIDCS-\\d{4}");
    private static final Map<String, Throwable> FAILURES = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> LOGGED = new ConcurrentHashMap<>();

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Recorder.class);
    }

    /** The observer (public, with a no-argument constructor, as Arquillian instantiates it). */
    public static final class Recorder {
        public void record(@Observes(precedence = -100) EventContext<DeployDeployment> ctx) {
            String name = ctx.getEvent().getDeployment().getDescription().getArchive().getName();
            FAILURES.remove(name);
            List<String> logged = Collections.synchronizedList(new ArrayList<>());
            Handler h = new Handler() {
                @Override
                public void publish(LogRecord r) {
                    logged.add(new SimpleFormatter().format(r));
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            h.setLevel(Level.ALL);
            Logger root = Logger.getLogger("");
            root.addHandler(h);
            try {
                ctx.proceed();
            } catch (RuntimeException | Error e) {
                FAILURES.put(name, e);
                throw e;
            } finally {
                root.removeHandler(h);
                LOGGED.put(name, List.copyOf(logged));
            }
        }
    }

    /** Every record logged (java.util.logging, formatted with its stack trace) while {@code archiveName} deployed. */
    public static List<String> logged(String archiveName) {
        return LOGGED.getOrDefault(archiveName, List.of());
    }

    /**
     * How often each problem's text appears in the printed CDI exception (its stack trace, as a
     * server logs it) plus in everything logged during the deployment: one each is the goal.
     */
    public static Map<String, Integer> timesShown(String archiveName) {
        Throwable e = cdiException(archiveName);
        StringWriter printed = new StringWriter();
        e.printStackTrace(new PrintWriter(printed, true));
        String all = printed + String.join("\n", logged(archiveName));
        List<String> problems = e.getSuppressed().length > 0
                ? Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList()
                : List.of(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String p : problems) {
            int n = 0;
            for (int i = all.indexOf(p); i >= 0; i = all.indexOf(p, i + p.length())) {
                n++;
            }
            out.put(p, n);
        }
        return out;
    }

    /** Why the deployment of {@code archiveName} failed. */
    public static Throwable of(String archiveName) {
        Throwable t = FAILURES.get(archiveName);
        if (t == null) {
            throw new AssertionError("the deployment " + archiveName + " did not fail (or was not deployed)");
        }
        return t;
    }

    /**
     * The CDI container's exception (a {@code jakarta.enterprise.inject.spi.DeploymentException}
     * or {@code DefinitionException}) inside the failure of {@code archiveName}.
     */
    public static Throwable cdiException(String archiveName) {
        for (Throwable t = of(archiveName); t != null; t = t.getCause()) {
            if (t instanceof jakarta.enterprise.inject.spi.DeploymentException
                    || t instanceof jakarta.enterprise.inject.spi.DefinitionException) {
                return t;
            }
        }
        throw new AssertionError("no CDI deployment or definition exception in the failure of " + archiveName,
                of(archiveName));
    }

    /**
     * The id each reported problem starts with, in the order reported. Weld reports one problem as
     * the exception itself and several as its suppressed exceptions.
     */
    public static List<String> problemIds(String archiveName) {
        Throwable e = cdiException(archiveName);
        List<Throwable> parts = e.getSuppressed().length > 0 ? List.of(e.getSuppressed()) : List.of(e);
        List<String> ids = new ArrayList<>();
        for (Throwable t : parts) {
            Matcher m = ID.matcher(String.valueOf(t.getMessage()));
            ids.add(m.find() ? m.group() : "no id in: " + t.getMessage());
        }
        return ids;
    }
}
