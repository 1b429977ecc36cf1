package org.oidcstore.store.tck.reference;

import java.time.Duration;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.VolatileTierSuite;

/**
 * Every contract of {@code VolatileTierSuite} on the reference backend hosting the volatile kinds
 * only, configured away from the defaults ({@code max-value-bytes} 2048, a clock-skew allowance of
 * 5 minutes): the unhosted kinds fail as the API says, and the settings-dependent cases take their
 * limited branches.
 */
class ReferenceVolatileTckTest extends VolatileTierSuite {
    @Override
    protected StoreFixture newFixture() {
        return ReferenceFixture.volatileKinds(2048, Duration.ofMinutes(5));
    }
}
