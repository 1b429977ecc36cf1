package org.oidcstore.store.tck;

import org.junit.jupiter.api.Nested;

/**
 * Every contract, for a backend that hosts every kind and is transactional (the durable tier,
 * or the composite over its tiers): extend it, implement {@link #newFixture()}, and JUnit runs each
 * contract as a nested class: the contracts of each kind here, those that cut across kinds in
 * {@link CrossCuttingSuite} (JUnit runs the nested classes a suite inherits too).
 */
public abstract class AllKindsSuite extends CrossCuttingSuite {

    /** A fresh, isolated fixture for one test; see {@link StoreFixture}. */
    @Override
    protected abstract StoreFixture newFixture();

    @Nested
    class Aggregate extends OidcStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class Clients extends ClientRegistryContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class StaticClients extends StaticClientReconcilerContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class Users extends UserStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class AuthorizationCodes extends AuthorizationCodeStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class RefreshTokenRotation extends RefreshTokenRotationContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class RefreshRotationGrace extends RefreshRetryResponsesContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class RefreshRotationGraceAtRest extends RefreshRetryResponsesAtRestContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class Grants extends GrantStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class AccessTokens extends AccessTokenRegistryContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class OpaqueAccessTokens extends OpaqueAccessTokenStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class AuthorizationContexts extends AuthorizationContextStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class AuthorizationContextRaces extends AuthorizationContextRaceContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class AuthorizationContextsInTransactions extends AuthorizationContextInTransactionContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class LookupsThenRedemptions extends LookupThenRedeemContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class GrantRevocations extends GrantRevocationStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class Interactions extends InteractionStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class ConsumedJwtIds extends ConsumedJwtIdStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class PushedAuthorizationRequests extends PushedAuthorizationRequestStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class DeviceAuthorizations extends DeviceAuthorizationStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class DeviceAuthorizationCodes extends DeviceAuthorizationCodesContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class DeviceAuthorizationPolling extends DeviceAuthorizationPollingContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class DeviceAuthorizationRaces extends DeviceAuthorizationRaceContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class CibaRequests extends CibaRequestStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class CibaRequestPolling extends CibaRequestPollingContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class CibaRequestRaces extends CibaRequestRaceContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class InitialAccessTokens extends InitialAccessTokenStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class RegistrationAccessTokens extends RegistrationAccessTokenStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }

    @Nested
    class ProviderMetadata extends ProviderMetadataStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return AllKindsSuite.this.newFixture();
        }
    }
}
