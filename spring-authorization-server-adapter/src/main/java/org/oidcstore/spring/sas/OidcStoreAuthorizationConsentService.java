package org.oidcstore.spring.sas;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.oidcstore.store.Grant;
import org.oidcstore.store.OidcStore;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * SAS's {@link OAuth2AuthorizationConsentService} over the store's grants: a consent is the newest
 * live {@link Grant} of (principal name, client id), its scopes the consent's {@code SCOPE_}
 * authorities. Authorities that are not scopes cannot be stored ({@link #save} refuses them). The
 * grant ids of consents are their own (random); the tokens of an authorization use the SAS
 * authorization id as grant id, so revoking a consent does not revoke issued tokens (SAS's
 * semantics too).
 */
public final class OidcStoreAuthorizationConsentService implements OAuth2AuthorizationConsentService {
    private static final String SCOPE = "SCOPE_";

    private final OidcStore store;
    private final RegisteredClientRepository clients;
    private final Clock clock;

    public OidcStoreAuthorizationConsentService(OidcStore store, RegisteredClientRepository clients) {
        this(store, clients, Clock.systemUTC());
    }

    public OidcStoreAuthorizationConsentService(OidcStore store, RegisteredClientRepository clients, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        Objects.requireNonNull(consent, "consent");
        Set<String> scopes = consent.getAuthorities().stream().map(GrantedAuthority::getAuthority).map(a -> {
            if (a == null || !a.startsWith(SCOPE)) {
                throw new IllegalArgumentException("only SCOPE_ authorities can be stored as a consent: " + a);
            }
            return a.substring(SCOPE.length());
        }).collect(Collectors.toCollection(java.util.TreeSet::new));
        String clientId = clientId(consent.getRegisteredClientId());
        store.inTransaction(() -> {
            Optional<Grant> current = store.grants().findActive(consent.getPrincipalName(), clientId);
            if (current.isPresent()) {
                store.grants().save(current.get().toBuilder().scopes(scopes).updatedAt(clock.instant()).build());
            } else {
                store.grants().save(Grant.builder().grantId(UUID.randomUUID().toString())
                        .subject(consent.getPrincipalName()).clientId(clientId).scopes(scopes)
                        .createdAt(clock.instant()).build());
            }
            return null;
        });
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        Objects.requireNonNull(consent, "consent");
        String clientId = clientId(consent.getRegisteredClientId());
        store.grants().findActive(consent.getPrincipalName(), clientId)
                .ifPresent(g -> store.grants().delete(g.grantId()));
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        RegisteredClient client = clients.findById(registeredClientId);
        if (client == null || !org.oidcstore.store.spi.Arguments.isStorableId(principalName)) {
            return null;
        }
        return store.grants().findActive(principalName, client.getClientId())
                .filter(g -> !g.scopes().isEmpty())
                .map(g -> {
                    OAuth2AuthorizationConsent.Builder b = OAuth2AuthorizationConsent.withId(registeredClientId,
                            principalName);
                    g.scopes().forEach(s -> b.authority(new SimpleGrantedAuthority(SCOPE + s)));
                    return b.build();
                }).orElse(null);
    }

    private String clientId(String registeredClientId) {
        RegisteredClient client = clients.findById(registeredClientId);
        if (client == null) {
            throw new IllegalArgumentException("unknown registered client " + registeredClientId);
        }
        return client.getClientId();
    }
}
