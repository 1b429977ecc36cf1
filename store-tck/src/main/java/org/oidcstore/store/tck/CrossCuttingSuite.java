package org.oidcstore.store.tck;

import org.junit.jupiter.api.Nested;

/**
 * The contracts that cut across kinds (namespaces, the transactional cluster, client revocation, bad
 * identifiers, caps, value sizes, pepper rotation, paging, subject sessions, message secrecy,
 * erasure), as nested classes that {@link AllKindsSuite} inherits. Not a suite of its own: a
 * backend extends {@link AllKindsSuite}.
 */
public abstract class CrossCuttingSuite {

    CrossCuttingSuite() {
    }

    /** A fresh, isolated fixture for one test; see {@link StoreFixture}. */
    protected abstract StoreFixture newFixture();

    @Nested
    class Namespaces extends NamespaceContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class TransactionalCluster extends TransactionalClusterContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class ClientRevocation extends ClientRevocationContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class BadIdentifiers extends BadIdentifierContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class CapsRoundTrips extends CapsRoundTripContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class ValueSizes extends ValueSizeContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class PepperRotation extends PepperRotationContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class SessionPaging extends SessionPagingContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class SubjectSessions extends SubjectSessionsContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class GrantPaging extends GrantPagingContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class MessageSecrecy extends MessageSecrecyContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class SubjectErasure extends SubjectErasureContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }

    @Nested
    class DurableErasure extends DurableErasureContract {
        @Override
        protected StoreFixture newFixture() {
            return CrossCuttingSuite.this.newFixture();
        }
    }
}
