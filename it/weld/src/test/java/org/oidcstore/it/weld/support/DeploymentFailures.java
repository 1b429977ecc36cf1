package org.oidcstore.it.weld.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * archive name and rethrows it unchanged: the handler still matches the expected type.
 */
public final class DeploymentFailures implements LoadableExtension {
    private static final Pattern ID = Pattern.compile("OIDCS-\\d{4}");
    private static final Map<String, Throwable> FAILURES = new ConcurrentHashMap<>();

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Recorder.class);
    }

    /** The observer (public, with a no-argument constructor, as Arquillian instantiates it). */
    public static final class Recorder {
        public void record(@Observes(precedence = -100) EventContext<DeployDeployment> ctx) {
            String name = ctx.getEvent().getDeployment().getDescription().getArchive().getName();
            FAILURES.remove(name);
            try {
                ctx.proceed();
            } catch (RuntimeException | Error e) {
                FAILURES.put(name, e);
                throw e;
            }
        }
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
