package org.oidcstore.store.tck;

import org.junit.jupiter.api.Nested;

/**
 * Every contract that applies to a volatile tier (SESSIONS, INTERACTIONS with compare-and-swap,
 * CONSUMED_JWT_IDS, PUSHED_AUTHORIZATION_REQUESTS, DEVICE_AUTHORIZATIONS, CIBA_REQUESTS): extend it, implement {@link #newFixture()},
 * and JUnit runs each contract as a nested class. The transactional-cluster contract does not
 * apply: volatile tiers never join a transaction.
 */
public abstract class VolatileTierSuite {

    /** A fresh, isolated fixture for one test; see {@link StoreFixture}. */
    protected abstract StoreFixture newFixture();

    @Nested
    class Aggregate extends OidcStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class Interactions extends InteractionStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class ConsumedJwtIds extends ConsumedJwtIdStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class PushedAuthorizationRequests extends PushedAuthorizationRequestStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class DeviceAuthorizations extends DeviceAuthorizationStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class DeviceAuthorizationCodes extends DeviceAuthorizationCodesContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class DeviceAuthorizationPolling extends DeviceAuthorizationPollingContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class DeviceAuthorizationRaces extends DeviceAuthorizationRaceContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class CibaRequests extends CibaRequestStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class CibaRequestPolling extends CibaRequestPollingContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class CibaRequestRaces extends CibaRequestRaceContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class Namespaces extends NamespaceContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class BadIdentifiers extends BadIdentifierContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class ValueSizes extends ValueSizeContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class PepperRotation extends PepperRotationContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class SessionPaging extends SessionPagingContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class SubjectSessions extends SubjectSessionsContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class MessageSecrecy extends MessageSecrecyContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }

    @Nested
    class SubjectErasure extends SubjectErasureContract {
        @Override
        protected StoreFixture newFixture() {
            return VolatileTierSuite.this.newFixture();
        }
    }
}
