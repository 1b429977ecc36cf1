package org.oidcstore.store;

/** How the client learns the outcome of a backchannel authentication request (CIBA Core §5). */
public enum CibaMode {
    /** The client polls the token endpoint. */
    POLL,
    /** The provider calls the client's notification endpoint, then the client polls once. */
    PING,
    /** The provider delivers the tokens to the client's notification endpoint. */
    PUSH
}
