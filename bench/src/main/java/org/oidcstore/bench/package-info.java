/**
 * Benchmarks of oidc-store against the engines' own limits ({@code redis-benchmark}, raw JDBC) and
 * against Spring Authorization Server. Not part of the product; see {@code bench/README.md}.
 */
package org.oidcstore.bench;
