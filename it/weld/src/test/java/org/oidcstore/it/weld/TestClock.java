package org.oidcstore.it.weld;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.oidcstore.store.tck.MutableClock;

/**
 * Part of the TCK deployment: the application's {@code @Default Clock} bean. Every tier's producer
 * uses it when it exists, so the TCK moves time for the JPA and the Redis tier alike.
 */
@Dependent
public class TestClock {
    /** One clock for the JVM: the fixture resets it before each test. */
    public static final MutableClock CLOCK = MutableClock.startingNow();

    @Produces
    Clock clock() {
        return CLOCK;
    }
}
