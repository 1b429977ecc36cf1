package org.oidcstore.store.composite.internal;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StaticClientReconciler.ReconcileReport;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.composite.CompositeKeys;
import org.oidcstore.store.composite.StaticClientDeclaration;

/**
 * The composite's static clients, apart from CDI: reads them from configuration,
 * {@code oidc.store.static-clients.<client-id>.<attribute>} (client ids are found by scanning
 * property names — the attribute is the part after the last dot, so ids may contain dots — and in
 * {@code oidc.store.static-client-ids}, the way to declare them with environment variables only);
 * seeds them into the Clients backend, all or nothing, through its {@link StaticClientReconciler}
 * (at start-up in CDI; through {@code CompositeStores.seedStaticClients} in Java SE); and words the
 * validator's static-client problems (OIDCS-2006, 2111). Every configuration problem is reported
 * with OIDCS-2110; no message repeats a secret.
 *
 * <p>Static clients are the one feature of the composite that belongs to a kind (clients): its files,
 * all named {@code StaticClient*}, are counted as such by {@code .ci/checks/KindUsage.java};
 * everything else in the composite derives from {@code StoreKind}'s facts ({@link DerivedKinds}).
 */
public final class StaticClients {
    private static final System.Logger LOG = System.getLogger(StaticClients.class.getName());
    public static final String PREFIX = CompositeKeys.STATIC_CLIENTS_PREFIX;
    public static final String IDS_KEY = CompositeKeys.STATIC_CLIENT_IDS_KEY;

    static final Set<String> ATTRIBUTES = Set.of("redirect-uris", "post-logout-redirect-uris", "scopes",
            "grant-types", "response-types", "public", "secret", "secret-hash", "token-endpoint-auth-method", "name",
            "jwks-uri", "backchannel-logout-uri", "backchannel-logout-session-required");
    static final List<String> DEFAULT_GRANT_TYPES = List.of("authorization_code", "refresh_token");
    static final List<String> DEFAULT_RESPONSE_TYPES = List.of("code");
    static final List<String> DEFAULT_SCOPES = List.of("openid");

    private StaticClients() {
    }

    /**
     * @param declarations the clients that parsed
     * @param ids every declared client id (also those with problems)
     * @param problems one line per problem, each starting with OIDCS-2110
     */
    public record Result(List<StaticClientDeclaration> declarations, List<String> ids, List<String> problems) {
    }

    public static Result read(ConfigLookup config) {
        Set<String> ids = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        config.get(IDS_KEY).ifPresent(v -> ids.addAll(split(v)));
        for (String name : config.names()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String attribute = rest.substring(dot + 1);
            if (dot <= 0 || !ATTRIBUTES.contains(attribute)) {
                problems.add(CompositeMessages.BAD_STATIC_CLIENT + " " + name + " is not a static-client key: use " + PREFIX
                        + "<client-id>.<attribute> with an attribute of " + new TreeSet<>(ATTRIBUTES) + ".");
                continue;
            }
            ids.add(rest.substring(0, dot));
        }
        List<StaticClientDeclaration> declarations = new ArrayList<>();
        for (String id : ids) {
            parse(config, id, problems).ifPresent(declarations::add);
        }
        return new Result(declarations, List.copyOf(ids), problems);
    }

    private static Optional<StaticClientDeclaration> parse(ConfigLookup config, String id, List<String> problems) {
        String p = PREFIX + id + ".";
        int before = problems.size();
        Optional<String> secret = config.get(p + "secret");
        Optional<String> secretHash = config.get(p + "secret-hash");
        Optional<URI> jwksUri = uri(config, p + "jwks-uri", problems);
        Optional<URI> logoutUri = uri(config, p + "backchannel-logout-uri", problems);
        boolean publicClient = bool(config, p + "public", problems);
        boolean sessionRequired = bool(config, p + "backchannel-logout-session-required", problems);
        List<String> grants = list(config, p + "grant-types").orElse(DEFAULT_GRANT_TYPES);
        List<String> redirects = list(config, p + "redirect-uris").orElse(List.of());
        if (secret.isPresent() && secretHash.isPresent()) {
            problems.add(CompositeMessages.BAD_STATIC_CLIENT + " static client " + id + " has both " + p + "secret and " + p
                    + "secret-hash. Fix: keep " + p + "secret-hash (recommended) or " + p + "secret.");
        }
        if (publicClient && (secret.isPresent() || secretHash.isPresent())) {
            problems.add(CompositeMessages.BAD_STATIC_CLIENT + " static client " + id + " is public (" + p + "public=true) but has a secret. Fix:"
                    + " remove the secret, or set " + p + "public=false.");
        }
        if (!publicClient && secret.isEmpty() && secretHash.isEmpty() && jwksUri.isEmpty()) {
            problems.add(CompositeMessages.BAD_STATIC_CLIENT + " static client " + id + " is confidential but has no credential. Fix: set " + p
                    + "secret-hash (see ClientSecrets.hash), " + p + "secret (hashed at seeding) or " + p
                    + "jwks-uri (private_key_jwt); or set " + p + "public=true.");
        }
        if (grants.contains("authorization_code") && redirects.isEmpty()) {
            problems.add(CompositeMessages.BAD_STATIC_CLIENT + " static client " + id + " may use the authorization_code grant but has no"
                    + " redirect URI. Fix: set " + p + "redirect-uris (comma separated, exact match).");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        String method = config.get(p + "token-endpoint-auth-method").orElse(publicClient ? "none"
                : secret.isPresent() || secretHash.isPresent() ? "client_secret_basic" : "private_key_jwt");
        try {
            Client client = Client.builder(id).secretHash(secretHash.orElse(null)).redirectUris(redirects)
                    .postLogoutRedirectUris(list(config, p + "post-logout-redirect-uris").orElse(List.of()))
                    .grantTypes(grants)
                    .responseTypes(list(config, p + "response-types").orElse(DEFAULT_RESPONSE_TYPES))
                    .scopes(list(config, p + "scopes").orElse(DEFAULT_SCOPES)).tokenEndpointAuthMethod(method)
                    .publicClient(publicClient).source(ClientSource.STATIC).jwksUri(jwksUri.orElse(null))
                    .backchannelLogoutUri(logoutUri.orElse(null)).backchannelLogoutSessionRequired(sessionRequired)
                    .clientName(config.get(p + "name").orElse(null)).build();
            return Optional.of(secret.map(s -> StaticClientDeclaration.withRawSecret(client, s))
                    .orElseGet(() -> StaticClientDeclaration.of(client)));
        } catch (IllegalArgumentException | NullPointerException e) {
            // the record's own checks (id format, hash form); their messages never echo a secret
            problems.add(CompositeMessages.BAD_STATIC_CLIENT + " static client " + id + " is invalid: " + e.getMessage() + ". Fix the keys under "
                    + p + "*.");
            return Optional.empty();
        }
    }

    private static boolean bool(ConfigLookup config, String key, List<String> problems) {
        Optional<String> v = config.get(key).map(s -> s.trim().toLowerCase(Locale.ROOT));
        if (v.isPresent() && !v.get().equals("true") && !v.get().equals("false")) {
            problems.add(CompositeMessages.BAD_STATIC_CLIENT + " " + key + " must be true or false.");
        }
        return v.map(Boolean::parseBoolean).orElse(false);
    }

    private static Optional<URI> uri(ConfigLookup config, String key, List<String> problems) {
        Optional<String> v = config.get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(v.get().trim());
            if (u.isAbsolute()) {
                return Optional.of(u);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(CompositeMessages.BAD_STATIC_CLIENT + " " + key + " is not an absolute URI.");
        return Optional.empty();
    }

    private static Optional<List<String>> list(ConfigLookup config, String key) {
        return config.get(key).map(StaticClients::split).filter(l -> !l.isEmpty());
    }

    /** Splits a MicroProfile Config list: commas separate, {@code \,} is a literal comma, blanks are trimmed. */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    /**
     * The static clients declared under {@code oidc.store.static-clients.<client-id>.*} in
     * {@code properties} (property name to value, e.g. a loaded {@code .properties} file).
     *
     * @throws StoreConfigurationException listing every problem (OIDCS-2110), without secrets
     */
    public static List<StaticClientDeclaration> fromConfig(Map<String, String> properties) {
        StaticClients.Result r = StaticClients.read(ConfigLookup.of(properties));
        if (!r.problems().isEmpty()) {
            throw new StoreConfigurationException(r.problems().size() + " problem(s) in the static clients:\n"
                    + String.join("\n", r.problems()));
        }
        return r.declarations();
    }

    /**
     * Reconciles {@code declared} with the store, all or nothing.
     *
     * @return what was inserted and what was already up to date
     * @throws StoreConfigurationException OIDCS-2111 when the Clients backend is read-only,
     *     OIDCS-2113 when two declarations share a client id, OIDCS-2112 when a stored client
     *     differs from its declaration (nothing is written; the message names the client ids)
     */
    public static ReconcileReport seed(OidcStore store, List<StaticClientDeclaration> declared) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (StaticClientDeclaration d : declared) {
            if (!ids.add(d.clientId())) {
                duplicates.add(d.clientId());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new StoreConfigurationException(CompositeMessages.STATIC_CLIENT_TWICE + " static client id(s) declared more than once: "
                    + String.join(", ", duplicates) + ". Fix: declare each client once, either under"
                    + " oidc.store.static-clients.<client-id>.* or by a @StaticClient producer.");
        }
        StaticClientReconciler reconciler = store.staticClientReconciler().orElseThrow(() ->
                new StoreConfigurationException(CompositeMessages.STATIC_CLIENTS_READ_ONLY + " " + declared.size() + " static client(s) are declared ("
                        + String.join(", ", ids) + ") but the Clients backend of '" + store.backend()
                        + "' is read-only: it offers no StaticClientReconciler. Fix: route clients to a backend"
                        + " with a writable client store, or remove the declarations."));
        List<Client> clients = new ArrayList<>();
        for (StaticClientDeclaration d : declared) {
            if (d.rawSecret() != null) {
                LOG.log(Level.WARNING, "oidc-store: static client {0} is configured with a raw secret; prefer"
                        + " oidc.store.static-clients.{0}.secret-hash (see ClientSecrets.hash)", d.clientId());
            }
            clients.add(d.resolve(reconciler::find));
        }
        try {
            ReconcileReport report = reconciler.reconcile(clients);
            LOG.log(Level.INFO, "oidc-store: static clients reconciled: {0} inserted, {1} unchanged",
                    report.inserted(), report.unchanged());
            return report;
        } catch (ConflictException e) {
            throw new StoreConfigurationException(CompositeMessages.STATIC_CLIENT_CONFLICT + " the declared static clients differ from the stored"
                    + " ones, so none was written: " + e.getMessage() + " Static clients are never overwritten"
                    + " at start-up. Fix: make the declaration equal to the stored client again, or update or"
                    + " delete the stored client through the ClientRegistry (administration) and restart.", e);
        }
    }

    /** OIDCS-2006: static clients are declared but the composite does not host clients. */
    static RoutingProblem notHostedProblem(List<String> declared) {
        String kinds = ConfigKeys.KINDS_KEY;
        return RoutingProblem.of(CompositeMessages.STATIC_CLIENTS_NOT_HOSTED, declared.size() + " static client(s) are declared ("
                + String.join(", ", declared) + ") but the composite does not host clients (" + kinds
                + " leaves them out), so they cannot be seeded. Fix: add clients to " + kinds
                + " (with a writable durable backend), or remove the declarations (oidc.store.static-clients.* and @StaticClient beans).");
    }

    /** OIDCS-2111: static clients are declared but the backend hosting clients cannot reconcile them. */
    static RoutingProblem readOnlyProblem(BackendFacts backend, List<String> declared) {
        return RoutingProblem.of(CompositeMessages.STATIC_CLIENTS_READ_ONLY, declared.size() + " static client(s) are declared (" + String.join(", ",
                declared) + ") but the Clients backend " + backend.label() + " is read-only: it offers no"
                + " StaticClientReconciler, so they cannot be seeded. Fix: route clients to a backend with a"
                + " writable client store (" + ConfigKeys.ROUTE_PREFIX
                + "clients=<tier>, e.g. the durable tier of the oidc-store jpa bundle), or remove the declarations (oidc.store.static-clients.* and"
                + " @StaticClient beans).");
    }
}
