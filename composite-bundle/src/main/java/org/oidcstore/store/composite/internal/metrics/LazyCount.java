package org.oidcstore.store.composite.internal.metrics;

import java.util.function.Supplier;

/**
 * An increment of a counter that is resolved (and so registered) at its first run, then kept: a
 * counter that never counts never appears in the registry, and one that does costs a field read
 * per increment. Names no metrics API, so that the registry bindings stay the only classes that do.
 */
final class LazyCount implements Runnable {
    private final Supplier<Runnable> resolve;
    private volatile Runnable increment;

    LazyCount(Supplier<Runnable> resolve) {
        this.resolve = resolve;
    }

    @Override
    public void run() {
        Runnable i = increment;
        if (i == null) {
            i = resolve.get();
            increment = i;
        }
        i.run();
    }
}
