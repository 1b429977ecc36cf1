package org.oidcstore.store.redis.internal;

/**
 * Every message id the Redis tier uses, the one place it spells them (a test ties each to
 * {@code docs/message-ids.md}, which says what it means and how to fix it). A message starts with
 * its id, then a space.
 */
public final class RedisMessages {
    /** no Redis connection (or no nodes of the chosen topology) is configured. */
    public static final String NO_CONNECTION = "OIDCS-1401";
    /** more than one topology is configured. */
    public static final String SEVERAL_TOPOLOGIES = "OIDCS-1402";
    /** an endpoint is not a rediss://host:port URI. */
    public static final String BAD_ENDPOINT = "OIDCS-1403";
    /** plaintext redis:// without dev mode. */
    public static final String PLAINTEXT_REFUSED = "OIDCS-1404";
    /** no AUTH password without dev mode. */
    public static final String AUTH_REQUIRED = "OIDCS-1405";
    /** credentials inside an endpoint URI. */
    public static final String CREDENTIALS_IN_URI = "OIDCS-1406";
    /** a user without its password. */
    public static final String USER_WITHOUT_PASSWORD = "OIDCS-1407";
    /** endpoints mix redis:// and rediss://. */
    public static final String MIXED_SCHEMES = "OIDCS-1408";
    /** Sentinel nodes without the master name. */
    public static final String SENTINEL_MASTER_MISSING = "OIDCS-1409";
    /** database index negative, not a number, or not 0 on a cluster. */
    public static final String BAD_DATABASE = "OIDCS-1410";
    /** key prefix malformed. */
    public static final String BAD_KEY_PREFIX = "OIDCS-1411";
    /** max-value-bytes out of range or not a number. */
    public static final String BAD_MAX_VALUE_BYTES = "OIDCS-1412";
    /** timeout not a duration between 1 ms and 1 min. */
    public static final String BAD_TIMEOUT = "OIDCS-1413";
    /** pool size not between 1 and 1024. */
    public static final String BAD_POOL_SIZE = "OIDCS-1414";
    /** the trust store cannot be read or loaded. */
    public static final String BAD_TRUSTSTORE = "OIDCS-1415";
    /** the key store cannot be read or loaded. */
    public static final String BAD_KEYSTORE = "OIDCS-1416";
    /** Sentinel without its password, without dev mode. */
    public static final String SENTINEL_AUTH_REQUIRED = "OIDCS-1417";
    /** a boolean setting is not true/false. */
    public static final String BAD_BOOLEAN = "OIDCS-1418";
    /** WARNING: dev-mode-allow-plaintext is set. */
    public static final String DEV_PLAINTEXT_WARNING = "OIDCS-1421";
    /** WARNING: dev-mode-allow-no-auth is set. */
    public static final String DEV_NO_AUTH_WARNING = "OIDCS-1422";
    /** WARNING at deployment: accept-evicting-maxmemory-policy is set. */
    public static final String ACCEPT_EVICTING_WARNING = "OIDCS-1423";
    /** WARNING at deployment: accept-unverified-maxmemory-policy is set. */
    public static final String ACCEPT_UNVERIFIED_WARNING = "OIDCS-1424";
    /** Redis refused the credentials. */
    public static final String CREDENTIALS_REFUSED = "OIDCS-1431";
    /** the TLS handshake failed. */
    public static final String TLS_HANDSHAKE_FAILED = "OIDCS-1432";
    /** the ACL user lacks a command or key permission. */
    public static final String PERMISSION_DENIED = "OIDCS-1433";
    /** a server's maxmemory-policy can evict keys. */
    public static final String EVICTING_POLICY = "OIDCS-1440";
    /** WARNING: maxmemory-policy could not be read, accepted by the flag. */
    public static final String POLICY_UNREAD_ACCEPTED = "OIDCS-1441";
    /** WARNING: an evicting policy accepted by the flag. */
    public static final String EVICTING_POLICY_ACCEPTED = "OIDCS-1442";
    /** maxmemory-policy cannot be read, not accepted. */
    public static final String POLICY_UNREADABLE = "OIDCS-1443";
    /** Redis unreachable or no answer within the timeout. */
    public static final String UNREACHABLE = "OIDCS-1450";
    /** Redis up but not serving. */
    public static final String NOT_SERVING = "OIDCS-1451";
    /** Redis is full (OOM under noeviction). */
    public static final String OUT_OF_MEMORY = "OIDCS-1452";
    /** an unexpected Redis error reply or failure. */
    public static final String UNEXPECTED_REPLY = "OIDCS-1453";
    /** a stored record is damaged. */
    public static final String DAMAGED_RECORD = "OIDCS-1454";
    /** unsafe: plaintext endpoint without the dev-mode flag. */
    public static final String UNSAFE_PLAINTEXT = "OIDCS-1460";
    /** unsafe: no AUTH password without the dev-mode flag. */
    public static final String UNSAFE_NO_AUTH = "OIDCS-1461";
    /** unsafe: Sentinel without AUTH without the dev-mode flag. */
    public static final String UNSAFE_OPEN_SENTINELS = "OIDCS-1462";
    /** a library the configured topology needs does not load. */
    public static final String LIBRARY_MISSING = "OIDCS-1470";

    private RedisMessages() {
    }
}
