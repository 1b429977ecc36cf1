package org.oidcstore.store.composite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.StaticClientDeclaration;
import org.oidcstore.store.tier.StoreTier;

/**
 * Routing and static-client keys read through SmallRye Config with an application properties
 * source (ordinal 100) and an environment source (ordinal 300, SmallRye's own {@code EnvConfigSource}
 * over a map, so the test does not depend on the process environment): environment variables
 * override as MicroProfile Config defines, and misspelt keys are found by scanning names.
 */
class ConfigReadingTest {

    private static ConfigLookup config(Map<String, String> properties, Map<String, String> env) {
        return MpConfigLookup.of(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 100),
                        new EnvConfigSource(env, 300)).build());
    }

    private static RoutingPlan plan(ConfigLookup config) {
        BackendFacts jpa = new BackendFacts("jpa", StoreTier.DURABLE, java.util.EnumSet.allOf(StoreKind.class), true,
                true, java.util.List.of(), "jpa");
        BackendFacts memory = new BackendFacts("memory", StoreTier.VOLATILE, Backends.VOLATILE_KINDS, false,
                false, java.util.List.of(), "memory");
        return RoutingValidator.validate(RouteKeys.read(config, RoutingFacts.builder(RoutingFacts.Origin.DEPLOYMENT))
                .backend(jpa).backend(memory).build());
    }

    @Test
    void anEnvironmentVariableOverridesTheRouteOfTheApplicationProperties() {
        RoutingPlan plan = plan(config(Map.of("oidc.store.route.consumed-jwt-ids", "volatile"),
                Map.of("OIDC_STORE_ROUTE_CONSUMED_JWT_IDS", "durable", "OIDC_STORE_SESSIONS_DURABILITY", "volatile")));
        assertThat(plan.valid()).as(plan.problems().toString()).isTrue();
        assertThat(plan.routes().get(StoreKind.CONSUMED_JWT_IDS).backend()).isEqualTo("jpa");
        assertThat(plan.routes().get(StoreKind.CONSUMED_JWT_IDS).reason())
                .isEqualTo("oidc.store.route.consumed-jwt-ids=durable");
        assertThat(plan.routes().get(StoreKind.SESSIONS).backend()).isEqualTo("memory");
    }

    @Test
    void aMisspeltKindIsReportedWhetherItCameFromPropertiesOrTheEnvironment() {
        RoutingPlan plan = plan(config(Map.of("oidc.store.route.sesions", "volatile"),
                Map.of("OIDC_STORE_ROUTE_GRANT", "durable")));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2001", "OIDCS-2001");
        assertThat(plan.problems().get(0).message()).contains("OIDC_STORE_ROUTE_GRANT names no store kind")
                .contains("did you mean OIDC_STORE_ROUTE_GRANTS?");
        assertThat(plan.problems().get(1).message()).contains("oidc.store.route.sesions");
    }

    @Test
    void aRouteSetOnlyAsAnEnvironmentVariableIsReadOnce() {
        // SmallRye also lists the dotted alias oidc.store.route.consumed.jwt.ids for the variable
        RoutingPlan plan = plan(config(Map.of(), Map.of("OIDC_STORE_ROUTE_CONSUMED_JWT_IDS", "durable",
                "OIDC_STORE_ROUTE_DEFAULT", "durable")));
        assertThat(plan.valid()).as(plan.problems().toString()).isTrue();
        assertThat(plan.routes().get(StoreKind.CONSUMED_JWT_IDS).reason())
                .isEqualTo("oidc.store.route.consumed-jwt-ids=durable");
        assertThat(plan.routes().get(StoreKind.INTERACTIONS).reason()).isEqualTo("oidc.store.route.default=durable");
    }

    @Test
    void twoSpellingsOfOneRouteThatDisagreeAreReported() {
        RoutingPlan plan = plan(config(Map.of("oidc.store.route.interactions", "volatile",
                "oidc.store.route.INTERACTIONS", "durable"), Map.of()));
        assertThat(plan.problemIds()).containsExactly("OIDCS-2004");
    }

    @Test
    void anotherSpellingOfAKnownKindIsHonouredNotIgnored() {
        RoutingPlan plan = plan(config(Map.of("oidc.store.route.pushed_authorization_requests", "durable"), Map.of()));
        assertThat(plan.valid()).isTrue();
        assertThat(plan.routes().get(StoreKind.PUSHED_AUTHORIZATION_REQUESTS).backend()).isEqualTo("jpa");
    }

    @Test
    void staticClientsAreReadFromPropertiesAndFromEnvironmentVariablesWithDeclaredIds() {
        StaticClients.Result r = StaticClients.read(config(Map.of(
                "oidc.store.static-clients.web.redirect-uris", "https://app.example/cb, https://app.example/cb2",
                "oidc.store.static-clients.web.secret-hash", "$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
                "oidc.store.static-clients.web.scopes", "openid,profile",
                "oidc.store.static-clients.web.name", "Web app",
                "oidc.store.static-clients.my.app.public", "true",
                "oidc.store.static-clients.my.app.redirect-uris", "com.example.app:/cb"),
                Map.of("OIDC_STORE_STATIC_CLIENT_IDS", "cli",
                        "OIDC_STORE_STATIC_CLIENTS_CLI_GRANT_TYPES", "client_credentials",
                        "OIDC_STORE_STATIC_CLIENTS_CLI_SECRET", "s3cr3t-from-env")));
        assertThat(r.problems()).isEmpty();
        assertThat(r.ids()).containsExactly("cli", "my.app", "web");
        StaticClientDeclaration web = r.declarations().stream().filter(d -> d.clientId().equals("web")).findFirst()
                .orElseThrow();
        assertThat(web.rawSecret()).isNull();
        Client c = web.client();
        assertThat(c.redirectUris()).containsExactlyInAnyOrder("https://app.example/cb", "https://app.example/cb2");
        assertThat(c.scopes()).containsExactlyInAnyOrder("openid", "profile");
        assertThat(c.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(c.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
        assertThat(c.source()).isEqualTo(ClientSource.STATIC);
        assertThat(c.clientName()).isEqualTo("Web app");
        StaticClientDeclaration app = r.declarations().stream().filter(d -> d.clientId().equals("my.app")).findFirst()
                .orElseThrow();
        assertThat(app.client().publicClient()).isTrue();
        assertThat(app.client().tokenEndpointAuthMethod()).isEqualTo("none");
        StaticClientDeclaration cli = r.declarations().stream().filter(d -> d.clientId().equals("cli")).findFirst()
                .orElseThrow();
        assertThat(cli.rawSecret()).isEqualTo("s3cr3t-from-env");
        assertThat(cli.toString()).doesNotContain("s3cr3t");
        assertThat(cli.client().grantTypes()).containsExactly("client_credentials");
    }

    @Test
    void everyStaticClientProblemIsReportedWithoutEchoingASecret() {
        StaticClients.Result r = StaticClients.read(ConfigLookup.of(Map.of(
                "oidc.store.static-clients.a.secret", "raw-secret-value",
                "oidc.store.static-clients.a.secret-hash", "not-a-hash-value",
                "oidc.store.static-clients.a.redirect-uris", "https://a/cb",
                "oidc.store.static-clients.b.public", "true",
                "oidc.store.static-clients.b.secret", "raw-secret-value",
                "oidc.store.static-clients.c.redirect-uri", "https://c/cb",
                "oidc.store.static-clients.d.redirect-uris", "https://d/cb",
                "oidc.store.static-clients.d.secret-hash", "not-a-hash-value",
                "oidc.store.static-clients.e.jwks-uri", "relative/path")));
        assertThat(r.problems()).allMatch(p -> p.startsWith("OIDCS-2110 "))
                .noneMatch(p -> p.contains("raw-secret-value") || p.contains("not-a-hash-value"));
        assertThat(String.join("\n", r.problems()))
                .contains("static client a has both oidc.store.static-clients.a.secret and")
                .contains("static client b is public").contains("b may use the authorization_code grant but has no"
                        + " redirect URI")
                .contains("oidc.store.static-clients.c.redirect-uri is not a static-client key")
                .contains("static client d is invalid: secretHash is not a hash of a known scheme")
                .contains("oidc.store.static-clients.e.jwks-uri is not an absolute URI");
        assertThat(r.declarations()).isEmpty();
    }

    @Test
    void listValuesFollowMicroProfileConfigEscaping() {
        assertThat(StaticClients.split(" a, b\\,c ,,d ")).containsExactly("a", "b,c", "d");
    }
}
