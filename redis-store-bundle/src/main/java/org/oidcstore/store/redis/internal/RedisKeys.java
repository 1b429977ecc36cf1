package org.oidcstore.store.redis.internal;

import java.nio.charset.StandardCharsets;

/**
 * The prefix and escaping of every Redis key of the tier; each store class builds the keys of its
 * own kind with {@link #key}. This Javadoc is the keyspace (the README carries the same table). {@code P} is {@code oidc.store.redis.key-prefix} (default {@code oidc:}); identifiers in
 * keys are escaped ({@code % : { }} become {@code %25 %3A %7B %7D}) so that no id can forge another
 * key or a Redis Cluster hash tag; {@code <d>} is {@code SecretDigest.digest(kind, secret)}, the
 * only form in which a JWT ID, a request URI, a device or user code or an {@code auth_req_id}
 * reaches Redis. Times in values are epoch
 * microseconds in decimal (Lua compares them with the caller's clock, passed as an argument);
 * record bodies are the versioned binary codec {@code RecordCodec} (format 1).
 *
 * <table>
 * <caption>Keyspace</caption>
 * <tr><th>Key</th><th>Type and fields</th><th>TTL</th><th>Commands</th></tr>
 * <tr><td>{@code P jti:<d>}</td><td>string: the marker's expiry</td>
 *     <td>{@code expiresAt + skew - now} ({@code oidc.store.jwt-id-clock-skew}, default 60 s): the
 *     marker outlives its expiry by the clock skew the tier tolerates between provider nodes, so a
 *     node whose clock lags the marking node's by up to the skew still sees it (reads compare the
 *     stored expiry, so it is not live any longer)</td>
 *     <td>mark: {@code SET NX PX}; when NX fails, script {@code jti-replace-expired} (GET, SET PX)
 *     replaces a marker whose stored expiry is not after now; isMarked: GET</td></tr>
 * <tr><td>{@code P par:<d>}</td><td>hash: {@code x} expiry, {@code d} body (clientId,
 *     parameters, createdAt); once consumed {@code x}, {@code c}=1 and no body</td>
 *     <td>{@code expiresAt + 15 min - now} (the consume grace); consuming keeps it, so the
 *     consumed marker tells a replay from "never existed" until that instant</td>
 *     <td>save: script {@code par-save} (HMGET, DEL, HSET, PEXPIRE: refuses an existing URI);
 *     find: HMGET; consume: script {@code par-consume} (HMGET, HDEL, HSET)</td></tr>
 * <tr><td>{@code P dev:<d>}</td><td>hash ({@code ApprovalScripts}): {@code x} expiry, {@code s}
 *     state ({@code P A D C}), {@code i} interval (s), {@code l} last poll, {@code a} approval body,
 *     {@code d} body (clientId, scopes, parameters, createdAt), {@code u} user-code digest,
 *     {@code k} strikes, {@code v} poll violations; {@code <d>} digests the device code</td>
 *     <td>{@code expiresAt - now}</td>
 *     <td>save: script {@code approval-save} (HMGET, DEL, HSET, PEXPIRE); find: HMGET;
 *     approve/deny: {@code approval-decide} (HMGET, HSET); poll: {@code approval-poll} (HMGET,
 *     HSET: one call); consume: {@code approval-consume}; revoke: {@code approval-revoke};
 *     strike/recordPollViolation: {@code device-count} (HMGET, HSET)</td></tr>
 * <tr><td>{@code P dev:uc:<u>}</td><td>string {@code "<expiresAt> <d>"}: the reservation of a user
 *     code ({@code <u>} digests the normalised user code), naming its record</td>
 *     <td>{@code expiresAt - now}</td>
 *     <td>save: script {@code device-reserve} (GET, SET PX) before the record, {@code device-release}
 *     (GET, DEL) when the record write is refused; by user code: GET, then the record's HMGET and
 *     its script, which checks the record's {@code u} (another slot on a Cluster: see
 *     {@code DeviceUserCodes})</td></tr>
 * <tr><td>{@code P ciba:<d>}</td><td>hash ({@code ApprovalScripts}): {@code x s i l a} as above,
 *     {@code j} subject, {@code d} body (clientId, scopes, acrValues, bindingMessage, mode, the
 *     notification token sealed with {@code SecretDigest.seal}, createdAt); {@code <d>} digests the
 *     {@code auth_req_id}</td><td>{@code expiresAt - now}</td>
 *     <td>save, find, approve, deny, poll, consume, revoke: as {@code dev:} (approve compares
 *     {@code j} inside {@code approval-decide})</td></tr>
 * <tr><td>{@code P ia:<id>}</td><td>hash: {@code x} expiry, {@code s} raw state (binary),
 *     {@code d} body (createdAt), {@code j} subject (absent until the login names one)</td><td>{@code expiresAt - now}</td>
 *     <td>save: script {@code hash-put} (DEL, HSET, PEXPIRE); find: HMGET; delete: script
 *     {@code live-delete} (HMGET, DEL); compareAndSwap: script {@code interaction-cas} (HMGET, DEL,
 *     HSET, PEXPIRE); deleteIfUnchanged: script {@code interaction-delete-if} (HMGET, DEL). The
 *     state is compared byte for byte inside Lua. Save and swap naming a subject add its hint first
 *     ({@code subject-hint-add}).</td></tr>
 * <tr><td>{@code P ia:{u:<subject>}:h}, {@code P dev:{u:<subject>}:h},
 *     {@code P ciba:{u:<subject>}:h}</td><td>sorted set of hints for {@code eraseSubject}: member the
 *     record's key after the prefix ({@code ia:<id>}, {@code dev:<d>}, {@code ciba:<d>}), score its
 *     expiry (the subject's slot, not the records')</td><td>at least the longest of its records' plus
 *     one minute</td><td>before the write that makes a record name the subject (interaction
 *     save/swap with a subject, device approve, CIBA save): {@code subject-hint-add} (ZRANGE, ZREM,
 *     PTTL, ZADD, PEXPIRE), {@code subject-hint-undo} (ZRANGE, ZREM) when that write is refused;
 *     eraseSubject: {@code subject-hint-take} (ZRANGE, DEL), then {@code subject-erase} (HMGET,
 *     EXISTS, DEL) per hinted record ({@link SubjectHints})</td></tr>
 * <tr><td>{@code P ses:ptr:<sid>}</td><td>string: write token (22 chars) + home</td>
 *     <td>at least the session's: save and touch only ever lengthen it (a touch racing a save
 *     of the same home must not be undone by the save's publish)</td>
 *     <td>every session operation: GET; scripts {@code ptr-cas} (GET, PTTL, SET PX),
 *     {@code ptr-delete-if} (GET, DEL), {@code ptr-extend} (GET, PTTL, PEXPIRE)</td></tr>
 * <tr><td>{@code P ses:{<home>}:s:<sid>}</td><td>hash: {@code d} body (sid, subject, group,
 *     authTime, acr, amr, clientIds, createdAt), {@code u} updatedAt, {@code x} expiry,
 *     {@code t} write token</td><td>{@code expiresAt - now}; touch sets it anew</td>
 *     <td>find: HMGET; scripts {@code session-write} (ZADD, PTTL, PEXPIRE, DEL, HSET),
 *     {@code session-touch} (ZRANGE, HMGET, HSET, PEXPIRE, EXISTS, PTTL), {@code session-peek}
 *     (ZRANGE, HMGET; read only), {@code session-drop} (HMGET, ZREM, DEL), {@code session-list}
 *     (HMGET, ZREM)</td></tr>
 * <tr><td>{@code P ses:{g:<group>}:i}</td><td>sorted set: member sid, score createdAt</td>
 *     <td>the longest of its members'</td><td>listByChooserGroup: script {@code session-after}
 *     (ZRANGE by rank: the keyset position), then {@code session-list}; inside the session
 *     scripts</td></tr>
 * <tr><td>{@code P ses:{u:<subject>}:u}</td><td>sorted set of hints: member sid, score createdAt
 *     (the subject's slot, not the sessions')</td><td>at least the longest of its members': save and
 *     touch only ever lengthen it</td><td>save: script {@code subject-add} (ZADD, PTTL, PEXPIRE)
 *     before and after the pointer's publish, and after a touch;
 *     listBySubject, deleteBySubject: {@code session-after}, each hint checked through the pointer,
 *     {@code subject-remove} (ZREM) for a stale one ({@link SessionIndexes})</td></tr>
 * </table>
 *
 * <h2>Sessions on Redis Cluster</h2>
 * A session's <em>home</em> is {@code g:<group>}, or {@code n:<sid>} for a session without chooser
 * group. The session hash and its group index share the hash tag {@code {<home>}}, hence one slot,
 * so that saving or deleting a session and its index membership is one atomic script on every
 * topology. {@code find(sid)} does not know the group, so a pointer {@code ses:ptr:<sid>} (another
 * slot) names the current home and the write token of the save that published it.
 * <ul>
 *   <li><b>save</b>: read the pointer {@code p0}; write the hash and index entry in the new home
 *       ({@code session-write}); publish the pointer by compare-and-set against {@code p0}
 *       ({@code ptr-cas}), re-reading and re-writing on a lost race until the timeout; then drop the
 *       old home's hash only if it still carries {@code p0}'s token ({@code session-drop}).</li>
 *   <li><b>delete</b>: check the session the pointer names ({@code session-peek}, read only, so
 *       that a damaged session fails before anything changed); remove the pointer by
 *       compare-and-delete (the linearization point), then drop the hash it named, again only with
 *       a matching token.</li>
 *   <li><b>find / list / touch</b> go through the pointer: a hash whose sid's pointer names another
 *       home (or none) is invisible. {@code listByChooserGroup} reads the index and hashes in one
 *       script, then keeps only members whose pointer names this group.</li>
 * </ul>
 * Why it is correct: a pointer is published only after its hash exists, and a hash is dropped only
 * by the operation that moved or removed the pointer carrying that hash's token; a save that
 * re-writes a home re-writes it after reading the pointer it replaces. So a live pointer always
 * names an existing hash, and every read decides through the pointer, a single key. The price:
 * three round trips for save (four when it moves the session to another group, to drop the old
 * home) and touch, four for delete, two for find, plus the subject index's (two for a save, one
 * for a touch, two for a delete: {@link SessionIndexes}); and a save that dies between its steps may leave
 * an unreachable hash (and index member) until its TTL, which reads never return.
 */
public final class RedisKeys {
    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** {@code SCAN MATCH} pattern of every key of this store (the prefix has no glob characters). */
    public String pattern() {
        return prefix + "*";
    }

    /** The key {@code prefix + segment}: each store class names the segments of its own kind. */
    public byte[] key(String segment) {
        return bytes(prefix + segment);
    }

    /** Escapes the characters that could end a key segment or open/close a hash tag. */
    public static String escape(String id) {
        StringBuilder b = null;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            String rep = switch (c) {
                case '%' -> "%25";
                case ':' -> "%3A";
                case '{' -> "%7B";
                case '}' -> "%7D";
                default -> null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(id.length() + 8).append(id, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? id : b.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
