package org.oidcstore.store.composite.internal;

/**
 * The message ids of the composite (OIDCS-2000 – 2119 and its metrics warning 2210), in one
 * place: every problem or warning the module words starts with one of these, and
 * {@code docs/message-ids.md} documents each (a test ties the two together). Ids never change
 * meaning; retired ids are not reused.
 */
public final class CompositeMessages {
    /** A route key names no kind. */
    public static final String UNKNOWN_ROUTE_KIND = "OIDCS-2001";
    /** A route value is not a tier. */
    public static final String NOT_A_TIER = "OIDCS-2002";
    /** The session durability posture is not a posture. */
    public static final String NOT_A_POSTURE = "OIDCS-2003";
    /** Two spellings of one route disagree. */
    public static final String SPELLINGS_DISAGREE = "OIDCS-2004";
    /** The kind list names no kind, lists none, or leaves out a bound kind. */
    public static final String KIND_LIST = "OIDCS-2005";
    /** Static clients are declared but clients are not hosted. */
    public static final String STATIC_CLIENTS_NOT_HOSTED = "OIDCS-2006";
    /** A key misspells a known top-level key. */
    public static final String MISSPELT_KEY = "OIDCS-2007";
    /** The timer sampling is not a whole number from 1 to 1024. */
    public static final String NOT_A_TIMER_SAMPLING = "OIDCS-2008";
    /** Kinds are routed to a tier without a backend. */
    public static final String NO_BACKEND_FOR_TIER = "OIDCS-2010";
    /** A backend does not host a kind routed to it. */
    public static final String BACKEND_DOES_NOT_HOST = "OIDCS-2020";
    /** The transactional cluster is split across backends. */
    public static final String CLUSTER_SPLIT = "OIDCS-2030";
    /** The cluster's anchor is not transactional. */
    public static final String ANCHOR_NOT_TRANSACTIONAL = "OIDCS-2040";
    /** The session durability posture contradicts a route or binding. */
    public static final String POSTURE_CONTRADICTS_ROUTE = "OIDCS-2050";
    /** A backend reports an unsafe setting. */
    public static final String UNSAFE_SETTING = "OIDCS-2060";
    /** The shared configuration is unsafe (no pepper). */
    public static final String UNSAFE_SHARED_SETTING = "OIDCS-2061";
    /** WARNING: a risk acknowledged by name. */
    public static final String ACKNOWLEDGED_RISK = "OIDCS-2062";
    /** Several backends for one tier. */
    public static final String SEVERAL_BACKENDS_PER_TIER = "OIDCS-2070";
    /** A backend offers its aggregate through several beans of its tier. */
    public static final String AMBIGUOUS_AGGREGATE = "OIDCS-2071";
    /** A tier's aggregate bean carries no {@code @BackendInfo}. */
    public static final String NO_BACKEND_INFO = "OIDCS-2072";
    /** The configuration could not be read. */
    public static final String CONFIG_UNREADABLE = "OIDCS-2100";
    /** A static client declaration is invalid. */
    public static final String BAD_STATIC_CLIENT = "OIDCS-2110";
    /** Static clients are declared but the Clients backend cannot reconcile them. */
    public static final String STATIC_CLIENTS_READ_ONLY = "OIDCS-2111";
    /** A declared static client differs from the stored one. */
    public static final String STATIC_CLIENT_CONFLICT = "OIDCS-2112";
    /** A static client id is declared more than once. */
    public static final String STATIC_CLIENT_TWICE = "OIDCS-2113";
    /** WARNING: a metric could not be recorded. */
    public static final String METRIC_NOT_RECORDED = "OIDCS-2210";

    private CompositeMessages() {
    }
}
