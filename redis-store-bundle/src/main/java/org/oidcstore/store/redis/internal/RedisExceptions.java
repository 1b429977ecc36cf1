package org.oidcstore.store.redis.internal;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.StoreUnavailableException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * The one translator from Jedis exceptions to the store's exceptions, by exception class and by
 * the Redis error code (the first word of an error reply, a protocol element such as
 * {@code READONLY} or {@code OOM}), never by the free text after it. The Jedis exception is kept
 * as the cause; messages name the substore and the operation and never include a key, a value or a
 * credential.
 */
public final class RedisExceptions {

    /** Error codes of a server that is up but cannot serve now: retrying later may succeed. */
    private static final Set<String> TRANSIENT = Set.of("READONLY", "LOADING", "MASTERDOWN", "TRYAGAIN",
            "CLUSTERDOWN", "BUSY", "NOREPLICAS", "MISCONF", "UNBLOCKED");

    /** How to fix OIDCS-1454; the key itself is never named (it carries an identifier). */
    private static final String DAMAGED_FIX = "; remove it, or let it expire: a newer oidc-store, or another "
            + "application sharing oidc.store.redis.key-prefix, may have written it";

    private RedisExceptions() {
    }

    /** Translates {@code e}, thrown by {@code op} of {@code substore} ("sessions.save"). */
    public static StoreException translate(RuntimeException e, String substore, String op) {
        if (e instanceof StoreException se) {
            return se;
        }
        String where = "redis " + substore + "." + op;
        if (e instanceof DamagedRecordException damaged) {
            return new StoreException(RedisMessages.DAMAGED_RECORD + " " + where + ": a stored record is damaged ("
                    + damaged.getMessage()
                    + ")" + DAMAGED_FIX, e);
        }
        JedisAccessControlException acl = find(e, JedisAccessControlException.class);
        if (acl != null) {
            String code = code(acl);
            if ("NOPERM".equals(code)) {
                return new StoreConfigurationException(RedisMessages.PERMISSION_DENIED + " " + where
                        + ": the Redis user lacks a permission "
                        + "(NOPERM); grant the commands and key pattern listed in the redis-store-bundle README", e);
            }
            return new StoreConfigurationException(RedisMessages.CREDENTIALS_REFUSED + " " + where
                    + ": Redis refused the credentials (" + code
                    + "); check oidc.store.redis.user and oidc.store.redis.password", e);
        }
        if (isTlsRefusal(e)) {
            return new StoreConfigurationException(RedisMessages.TLS_HANDSHAKE_FAILED + " " + where
                    + ": the TLS handshake with Redis failed; "
                    + "check oidc.store.redis.truststore (the CA of the server) and that the certificate names the host", e);
        }
        if (e instanceof JedisConnectionException || e instanceof JedisClusterOperationException
                || e instanceof JedisRedirectionException) {
            return new StoreUnavailableException(RedisMessages.UNREACHABLE + " " + where
                    + ": Redis could not be reached or did not "
                    + "answer within oidc.store.redis.timeout", e);
        }
        if (e instanceof JedisClusterException || e instanceof JedisBusyException) {
            return new StoreUnavailableException(RedisMessages.NOT_SERVING + " " + where
                    + ": Redis cannot serve now (" + code(e) + ")", e);
        }
        if (e instanceof JedisNoScriptException) {
            return new StoreUnavailableException(RedisMessages.NOT_SERVING + " " + where
                    + ": Redis lost a script twice in a row (NOSCRIPT)", e);
        }
        if (e instanceof JedisDataException) {
            String code = code(e);
            if ("WRONGTYPE".equals(code)) {
                return new StoreException(RedisMessages.DAMAGED_RECORD + " " + where
                        + ": a key of the tier holds another Redis type "
                        + "than the tier writes there" + DAMAGED_FIX, e);
            }
            if (LuaChecks.DAMAGED.equals(code)) {
                return new StoreException(RedisMessages.DAMAGED_RECORD + " " + where
                        + ": a stored record is damaged (a field is missing "
                        + "or not a number, or its body does not decode)" + DAMAGED_FIX, e);
            }
            if ("OOM".equals(code)) {
                return new StoreUnavailableException(RedisMessages.OUT_OF_MEMORY + " " + where
                        + ": Redis is full (OOM under maxmemory with"
                        + " noeviction); the write was refused, nothing was evicted", e);
            }
            if (TRANSIENT.contains(code)) {
                return new StoreUnavailableException(RedisMessages.NOT_SERVING + " " + where
                        + ": Redis cannot serve now (" + code + ")", e);
            }
            return new StoreException(RedisMessages.UNEXPECTED_REPLY + " " + where + ": Redis answered with error "
                    + code, e);
        }
        if (e instanceof JedisException) {
            // pool exhausted or closed, connection factory failure: no answer within the timeout
            boolean exhausted = find(e, NoSuchElementException.class) != null;
            return new StoreUnavailableException(RedisMessages.UNREACHABLE + " " + where + (exhausted
                    ? ": no Redis connection became free within oidc.store.redis.timeout"
                    : ": Redis could not be reached"), e);
        }
        return new StoreException(RedisMessages.UNEXPECTED_REPLY + " " + where + ": unexpected failure ("
                + e.getClass().getSimpleName() + ")", e);
    }

    /**
     * Whether the TLS layer refused the peer (untrusted certificate, wrong host name, no common
     * protocol, a fatal alert): a configuration problem. An {@code SSLException} caused by the
     * socket (the peer hung up or stopped answering mid-handshake or mid-record, as a server
     * going down does) is an outage instead, whatever the TLS layer wraps it in.
     */
    static boolean isTlsRefusal(Throwable e) {
        return find(e, SSLException.class) != null && find(e, EOFException.class) == null
                && find(e, SocketException.class) == null && find(e, InterruptedIOException.class) == null;
    }

    /** Whether {@code e} means the connection (or the server behind it) is gone. */
    static boolean isConnectionProblem(RuntimeException e) {
        return e instanceof JedisConnectionException || e instanceof JedisClusterOperationException
                || find(e, JedisConnectionException.class) != null;
    }

    /** The Redis error code: the leading upper-case word of the error reply, or {@code ERR}. */
    static String code(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return "ERR";
        }
        int end = 0;
        while (end < m.length() && end < 32 && Character.isUpperCase(m.charAt(end))) {
            end++;
        }
        return end == 0 || end < m.length() && m.charAt(end) != ' ' ? "ERR" : m.substring(0, end);
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
