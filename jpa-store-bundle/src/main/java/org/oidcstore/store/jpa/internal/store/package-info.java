/**
 * One store class per substore. Every method runs through {@code TxRunner.run}: it joins the caller's
 * JTA transaction or runs in its own, and every single-use or version decision is a conditional
 * statement whose row count names the winner.
 */
package org.oidcstore.store.jpa.internal.store;
