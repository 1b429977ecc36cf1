package org.oidcstore.store.composite.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.oidcstore.store.StoreConfigurationException;

/**
 * One deployment problem as handed to the CDI container ({@code addDeploymentProblem},
 * {@code addDefinitionError}), shaped so that each problem is shown once in what the container
 * reports. Weld prints every problem's stack trace into its exception's message ("Exception List
 * with N exceptions") and then lists the same exceptions again, as suppressed exceptions (several)
 * or as the cause (one); a server logging that exception printed each problem three times, each
 * with ~120 frames of the container's event dispatch that say nothing about the problem. So:
 *
 * <ul>
 *   <li>no stack trace: the frames are the container's, never the cause of a configuration problem;</li>
 *   <li>{@link #printStackTrace(PrintWriter)}, which Weld uses to build its message, prints the full
 *       text once;</li>
 *   <li>{@link #toString()}, which every stack-trace printer uses for a suppressed exception or a
 *       cause, names only the class: the full text, id first, was printed above it. Not even the
 *       id is repeated, so that a search of a server's log for an id finds each report of the
 *       problem once (WildFly logs the exception with its suppressed list, then the failure
 *       description without it; {@code it/wildfly}'s {@code RefusedDeploymentsIT} counts them).</li>
 * </ul>
 *
 * {@link #getMessage()} is the full text, as for any {@code StoreConfigurationException}.
 */
public final class DeploymentProblem extends StoreConfigurationException {
    private static final long serialVersionUID = 1L;

    public DeploymentProblem(String message) {
        super(message);
    }

    /** The stable id the message starts with ({@code OIDCS-2030}). */
    public String id() {
        int space = getMessage().indexOf(' ');
        return space > 0 ? getMessage().substring(0, space) : getMessage();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public void printStackTrace(PrintWriter s) {
        s.println(getClass().getName() + ": " + getMessage());
    }

    @Override
    public void printStackTrace(PrintStream s) {
        s.println(getClass().getName() + ": " + getMessage());
    }

    @Override
    public String toString() {
        return getClass().getName() + " (see above)";
    }
}
