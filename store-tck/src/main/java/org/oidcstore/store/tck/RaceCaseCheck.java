package org.oidcstore.store.tck;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds every contract case to what its {@link Covers} says about races, as the case runs: a case
 * marked {@code race = true} must run {@link Race#rounds}, and a case that runs it must be marked
 * (naming the method it races). The coverage guard ({@link ContractCoverage#unraced}) reads
 * annotations only; with this check the annotation cannot stand in for a race, and no race goes
 * uncounted. Registered on {@link StoreContract}, so it runs with every backend's suite, the
 * reference backend of the TCK's own build included. A case that already failed is left alone.
 */
final class RaceCaseCheck implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RaceCaseCheck.class);
    private static final String STARTED = "races started before the case";

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NAMESPACE).put(STARTED, Race.startedOnThisThread());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            return;
        }
        int races = Race.startedOnThisThread() - context.getStore(NAMESPACE).get(STARTED, Integer.class);
        Method m = context.getRequiredTestMethod();
        boolean marked = Arrays.stream(m.getAnnotationsByType(Covers.class)).anyMatch(Covers::race);
        String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
        if (marked && races == 0) {
            throw new AssertionError(name + " says @Covers(race = true) but ran no Race: a race case must call"
                    + " Race.rounds with threads calling the method at once");
        }
        if (!marked && races > 0) {
            throw new AssertionError(name + " runs Race but no @Covers of it says race = true: name the method"
                    + " it races, so that the coverage guard counts it");
        }
    }
}
