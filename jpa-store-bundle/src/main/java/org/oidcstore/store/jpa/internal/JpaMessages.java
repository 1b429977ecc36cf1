package org.oidcstore.store.jpa.internal;

/**
 * Every message id the durable tier raises, spelled once (documented, with its meaning and fix, in
 * {@code docs/message-ids.md}, section "JPA tier"). Each message starts with its id followed by
 * a space; no other file of the module spells an id ({@code JpaMessagesTest} holds both).
 */
public final class JpaMessages {
    /** Neither a data source nor a JDBC URL is configured. */
    public static final String NO_DATABASE = "OIDCS-1201";
    /** Both a data source and a JDBC URL are configured. */
    public static final String BOTH_DATABASES = "OIDCS-1202";
    /** The JDBC URL is not one of a supported engine. */
    public static final String UNSUPPORTED_URL = "OIDCS-1203";
    public static final String BAD_POOL_SIZE = "OIDCS-1204";
    public static final String BAD_GC_BATCH_SIZE = "OIDCS-1205";
    public static final String BAD_GC_INTERVAL = "OIDCS-1206";
    public static final String BAD_MIGRATE = "OIDCS-1207";
    /** User or password set together with a container's data source. */
    public static final String CREDENTIALS_WITH_DATASOURCE = "OIDCS-1208";
    /** A target server set together with a JDBC URL. */
    public static final String TARGET_SERVER_WITH_URL = "OIDCS-1209";
    public static final String BAD_ACQUISITION_TIMEOUT = "OIDCS-1210";
    /** EclipseLink found no JTA transaction controller. */
    public static final String NO_JTA_CONTROLLER = "OIDCS-1220";
    /** The configured JNDI name is not bound, or not to a data source. */
    public static final String DATASOURCE_NOT_BOUND = "OIDCS-1221";
    public static final String UNSUPPORTED_DATABASE = "OIDCS-1222";
    public static final String MIGRATION_FAILED = "OIDCS-1223";
    /** The JDBC driver of the URL cannot be loaded. */
    public static final String NO_DRIVER = "OIDCS-1224";
    /** A second Java SE store of the JVM on another transaction manager. */
    public static final String OTHER_TRANSACTION_MANAGER = "OIDCS-1225";
    /** A stored row could not be read into its record. */
    public static final String CORRUPT_ROW = "OIDCS-1301";
    /** The schema is missing or older than this code needs. */
    public static final String SCHEMA_TOO_OLD = "OIDCS-1302";
    public static final String NO_ECLIPSELINK = "OIDCS-1310";
    public static final String NO_NARAYANA_OR_AGROAL = "OIDCS-1311";
    public static final String NO_FLYWAY = "OIDCS-1312";
    /** A Galera node whose connections do not read causally ({@code wsrep_sync_wait}). */
    public static final String NO_CAUSAL_READS = "OIDCS-1330";

    private JpaMessages() {
    }
}
