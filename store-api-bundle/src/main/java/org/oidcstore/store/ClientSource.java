package org.oidcstore.store;

/** Where a client record came from; reconciliation only ever creates {@link #STATIC} clients. */
public enum ClientSource {
    /** Declared in configuration or by a CDI producer and reconciled at start-up. */
    STATIC,
    /** Registered through dynamic client registration (RFC 7591). */
    DYNAMIC,
    /** Created by an administrator through the provider's management interface. */
    ADMIN
}
