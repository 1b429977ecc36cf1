package org.oidcstore.store;

/**
 * The store is configured in a way that cannot work or is unsafe: a missing or invalid setting, a
 * kind asked of a backend that does not host it, a routing that splits the transactional cluster.
 * The message starts with a stable id ({@code OIDCS-nnnn}) listed in the project's
 * {@code docs/message-ids.md} and says how to fix the problem.
 */
public class StoreConfigurationException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreConfigurationException(String message) {
        super(message);
    }

    public StoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
