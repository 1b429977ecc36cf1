package org.oidcstore.store.composite.internal.metrics;

/**
 * Runs an action once the caller's transaction commits, or at once when there is none. Codes
 * issued and refresh rotations count only what was committed: a rolled-back issuance issued nothing.
 */
@FunctionalInterface
public interface CommitHook {

    void afterCommit(Runnable action);

    /** No transaction awareness: runs the action immediately (Java SE without a registry). */
    CommitHook IMMEDIATE = Runnable::run;
}
