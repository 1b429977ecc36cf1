/**
 * The oidc-store API: one interface per substore, its record types, {@link org.oidcstore.store.StoreKind},
 * the {@link org.oidcstore.store.OidcStore} aggregate and the error hierarchy.
 *
 * <h2>Contract shared by every substore (pinned by the store TCK)</h2>
 * <ul>
 *   <li><b>Expiry.</b> A record is expired <em>at</em> its {@code expiresAt} (inclusive), judged on
 *       every read against the store's injected {@link java.time.Clock}, whatever the engine's own TTL
 *       did. Finders never return an expired record: absent and expired look the same
 *       ({@link java.util.Optional#empty()}), so expiry never looks like replay evidence. One
 *       documented exception: {@link org.oidcstore.store.InitialAccessTokenStore#find} returns an
 *       expired initial access token flagged as expired, for a retention, so the registration
 *       endpoint can say why the token is refused.</li>
 *   <li><b>Single use.</b> Consuming an authorization code, refresh token or pushed request, and
 *       marking a JWT ID, has exactly one winner among concurrent callers, decided inside the
 *       engine. Replays raise {@link org.oidcstore.store.AlreadyConsumedException}; for codes and
 *       refresh tokens it carries the consumed record. Expired beats consumed.</li>
 *   <li><b>Hash on store.</b> Authorization codes, refresh tokens (and their parent and root
 *       references), opaque access tokens, pushed request URIs, JWT IDs, initial and
 *       registration access tokens and the ID tokens bound to authorization contexts are stored only as
 *       HMAC-SHA-256 digests (see {@code org.oidcstore.store.spi.SecretDigest}), looked up by digest
 *       and compared in constant time; a digest presented as a token does not match. Records carry
 *       the bearer value the caller presented and never print it.</li>
 *   <li><b>Disjoint namespaces.</b> The same identifier saved in two substores never resolves
 *       across them.</li>
 *   <li><b>Errors.</b> Unchecked {@link org.oidcstore.store.StoreException} subclasses; absence is
 *       {@code Optional}; invalid arguments raise {@link java.lang.IllegalArgumentException} or
 *       {@link java.lang.NullPointerException} and write nothing.</li>
 *   <li><b>Limits.</b> Every record and operation enforces the same {@link org.oidcstore.store.Limits}
 *       (identifiers, text, collection sizes, instant range) on every backend: a value outside
 *       them raises {@link java.lang.IllegalArgumentException} before anything is written, and a
 *       lookup with an identifier that could never have been stored is simply absent (empty,
 *       {@code false}).</li>
 *   <li><b>Time.</b> Instants are kept at microsecond precision, within
 *       {@link org.oidcstore.store.Limits#MIN_INSTANT} … {@link org.oidcstore.store.Limits#MAX_INSTANT}.</li>
 * </ul>
 */
@Export
@Version("1.5.0")
package org.oidcstore.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
