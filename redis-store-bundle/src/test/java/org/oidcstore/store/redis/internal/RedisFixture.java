package org.oidcstore.store.redis.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.TestPeppers;

/**
 * One test's store: a fresh key prefix {@code oidctest:<random>:} on a shared server, a
 * {@link MutableClock}, the persisted state read through an admin login, and cleanup of every key
 * under the prefix afterwards. A server that does not answer fails the test with the command that
 * starts it.
 */
public final class RedisFixture implements StoreFixture {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Topology, AdminClient> ADMINS = new ConcurrentHashMap<>();

    private final Topology topology;
    private final String prefix;
    private final MutableClock clock = MutableClock.startingNow();
    private final RedisSettings settings;
    private final RedisStore store;
    private final SecretDigest digest;
    private final List<RedisStore> reopened = new ArrayList<>();

    public RedisFixture(Topology topology) {
        this(topology, newPrefix());
    }

    public RedisFixture(Topology topology, String prefix) {
        this(topology, prefix, UnaryOperator.identity());
    }

    /** A store whose settings {@code tweak} changes (another clock skew, size limit...). */
    public RedisFixture(Topology topology, UnaryOperator<RedisSettings.Builder> tweak) {
        this(topology, newPrefix(), tweak);
    }

    private RedisFixture(Topology topology, String prefix, UnaryOperator<RedisSettings.Builder> tweak) {
        this.topology = topology;
        this.prefix = prefix;
        this.settings = tweak.apply(topology.settings(prefix)).build();
        this.store = open(topology, settings, clock);
        this.digest = SecretDigest.fromConfig(Optional.ofNullable(settings.secretPepper()));
    }

    /** Opens a store, turning an unreachable server into a failure that says how to start it. */
    public static RedisStore open(Topology topology, RedisSettings settings, java.time.Clock clock) {
        try {
            return RedisStores.open(settings, clock);
        } catch (StoreException e) {
            throw new AssertionError(topology.where() + " did not accept the store (" + e.getMessage() + "); "
                    + TestServers.START_HINT, e);
        }
    }

    public static String newPrefix() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "oidctest:" + HexFormat.of().formatHex(b) + ":";
    }

    public static AdminClient admin(Topology topology) {
        return ADMINS.computeIfAbsent(topology, t -> {
            try {
                AdminClient a = new AdminClient(t.admin("oidctest:admin:").build());
                a.jedis().ping();
                return a;
            } catch (RuntimeException e) {
                throw new AssertionError(t.where() + " is not reachable; " + TestServers.START_HINT, e);
            }
        });
    }

    public String prefix() {
        return prefix;
    }

    public AdminClient admin() {
        return admin(topology);
    }

    @Override
    public OidcStore store() {
        return store;
    }

    public RedisStore redisStore() {
        return store;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public SecretDigest digest() {
        return digest;
    }

    @Override
    public PersistedState persisted() {
        return () -> admin().dump(prefix);
    }

    @Override
    public OptionalInt maxValueBytes() {
        return OptionalInt.of(settings.maxValueBytes());
    }

    /** The configured {@code oidc.store.jwt-id-clock-skew} (the default, 60 s, unless a test sets another). */
    @Override
    public Duration jwtIdClockSkew() {
        return settings.jwtIdClockSkew();
    }

    /** Nothing to run: Redis expires keys by their TTL. */
    @Override
    public void sweepExpired() {
    }

    /** A second store on the same key prefix, digesting with {@code other}. */
    @Override
    public OidcStore reopen(SecretDigest other) {
        RedisStore s = open(topology, settings.toBuilder().secretPepper(TestPeppers.configValue(other)).build(), clock);
        synchronized (reopened) {
            reopened.add(s);
        }
        return s;
    }

    @Override
    public void close() {
        try {
            synchronized (reopened) {
                reopened.forEach(RedisStore::close);
            }
            store.close();
        } finally {
            admin().deleteAll(prefix);
        }
    }
}
