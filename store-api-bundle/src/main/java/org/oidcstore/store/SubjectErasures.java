package org.oidcstore.store;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The per-kind steps of {@link OidcStore#eraseSubject}, in the order they run. */
final class SubjectErasures {

    /**
     * The kinds an erasure visits, in order: records that refer to a grant before the grant, the
     * user record last.
     */
    static final List<StoreKind> ORDER = List.of(StoreKind.AUTHORIZATION_CODES, StoreKind.REFRESH_TOKENS,
            StoreKind.ACCESS_TOKENS, StoreKind.OPAQUE_ACCESS_TOKENS, StoreKind.AUTHORIZATION_CONTEXTS, StoreKind.GRANTS, StoreKind.SESSIONS,
            StoreKind.INTERACTIONS, StoreKind.DEVICE_AUTHORIZATIONS, StoreKind.CIBA_REQUESTS, StoreKind.USERS);

    private SubjectErasures() {
    }

    /** Erases {@code subject} from each of {@code kinds} that an erasure visits, in {@link #ORDER}. */
    static Map<StoreKind, Integer> erase(OidcStore store, String subject, Set<StoreKind> kinds) {
        Map<StoreKind, Integer> counts = new EnumMap<>(StoreKind.class);
        for (StoreKind kind : ORDER) {
            if (kinds.contains(kind)) {
                eraseKind(store, kind, subject).ifPresent(n -> counts.put(kind, n));
            }
        }
        return counts;
    }

    /** Erases {@code subject} from one kind; empty when the kind cannot be erased here (read-only users). */
    static java.util.Optional<Integer> eraseKind(OidcStore store, StoreKind kind, String subject) {
        return java.util.Optional.ofNullable(switch (kind) {
            case AUTHORIZATION_CODES -> store.authorizationCodes().eraseSubject(subject);
            case REFRESH_TOKENS -> store.refreshTokens().eraseSubject(subject);
            case ACCESS_TOKENS -> store.accessTokens().eraseSubject(subject);
            case OPAQUE_ACCESS_TOKENS -> store.opaqueAccessTokens().eraseSubject(subject);
            case AUTHORIZATION_CONTEXTS -> store.authorizationContexts().eraseSubject(subject);
            case GRANTS -> store.grants().eraseSubject(subject);
            case SESSIONS -> store.sessions().deleteBySubject(subject);
            case INTERACTIONS -> store.interactions().eraseSubject(subject);
            case DEVICE_AUTHORIZATIONS -> store.deviceAuthorizations().eraseSubject(subject);
            case CIBA_REQUESTS -> store.cibaRequests().eraseSubject(subject);
            case USERS -> store.userRegistry().map(r -> r.delete(subject) ? 1 : 0).orElse(null);
            default -> null;
        });
    }
}
