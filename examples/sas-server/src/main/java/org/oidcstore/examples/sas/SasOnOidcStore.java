package org.oidcstore.examples.sas;

import java.io.File;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.oidcstore.spring.sas.OidcStoreAuthorizationConsentService;
import org.oidcstore.spring.sas.OidcStoreAuthorizationService;
import org.oidcstore.spring.sas.OidcStoreRegisteredClientRepository;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tier.StoreTier;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Spring Authorization Server on oidc-store in one command, no Spring Boot: an embedded Tomcat on
 * 127.0.0.1, SAS's endpoints (OpenID Connect, PAR) with a form login, the oidc-store adapter over a
 * composite. {@code --store=h2-memory} (default): JPA on an in-memory H2 database + the memory
 * tier; {@code --store=mariadb-redis}: JPA on MariaDB + Redis over TLS as an ACL user (the
 * servers of {@code bash .ci/services.sh start}). {@code --port=N} (default 9000, 0 = any free
 * port). Prints the issuer URL, then serves until stopped.
 */
public final class SasOnOidcStore {
    /** An example pepper: generate your own (32 random bytes, base64) and pass OIDC_STORE_SECRET_PEPPER. */
    static final String EXAMPLE_PEPPER = "c2FzLWV4YW1wbGUtcGVwcGVyLWdlbmVyYXRlLXlvdXItb3duLTAxMjM0NQ==";

    private SasOnOidcStore() {
    }

    public static void main(String[] args) throws Exception {
        String storeChoice = arg(args, "store", "h2-memory");
        int port = Integer.parseInt(arg(args, "port", "9000"));
        String pepper = Optional.ofNullable(System.getenv("OIDC_STORE_SECRET_PEPPER")).orElse(EXAMPLE_PEPPER);
        OidcStore store = switch (storeChoice) {
            case "h2-memory" -> composite(JpaStores.open(JpaSettings.forUrl(
                    "jdbc:h2:mem:sas-example;DB_CLOSE_DELAY=-1", "sa", "").withMigrate(true)
                    .withSecretPepper(pepper), Clock.systemUTC()),
                    MemoryStores.open(MemorySettings.defaults(), Clock.systemUTC(),
                            SecretDigest.fromConfig(Optional.of(pepper))), pepper);
            case "mariadb-redis" -> composite(JpaStores.open(JpaSettings.forUrl(
                    "jdbc:mariadb://127.0.0.1:3306/oidcstore_sas_example?createDatabaseIfNotExist=true",
                    "oidcstore", "oidcstore").withMigrate(true).withSecretPepper(pepper), Clock.systemUTC()),
                    RedisStores.open(redisSettings(pepper), Clock.systemUTC()), pepper);
            default -> throw new IllegalArgumentException("--store must be h2-memory or mariadb-redis, not "
                    + storeChoice);
        };
        DemoClients.register(new OidcStoreRegisteredClientRepository(store));

        Tomcat tomcat = start(store, port);
        int actual = tomcat.getConnector().getLocalPort();
        String issuer = "http://127.0.0.1:" + actual;
        System.out.println("store   " + storeChoice);
        System.out.println("issuer  " + issuer);
        System.out.println("  discovery  " + issuer + "/.well-known/openid-configuration");
        System.out.println("  try        curl -s -u " + DemoClients.CLIENT_ID + ":" + DemoClients.SECRET
                + " -d grant_type=client_credentials -d scope=api " + issuer + "/oauth2/token");
        System.out.println("  user       " + SasWebConfig.USER + " / " + SasWebConfig.PASSWORD
                + " (form login at " + issuer + "/login)");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (Exception e) {
                // stopping anyway
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Redis over TLS as the least-privilege ACL user of the project's service script. */
    private static RedisSettings redisSettings(String pepper) {
        String services = Optional.ofNullable(System.getenv("OIDC_SERVICES_DIR")).orElse("/tmp/oidc-store-services");
        Map<String, String> config = Map.of(
                "oidc.store.redis.uri", "rediss://localhost:6390",
                "oidc.store.redis.user", "oidc-app",
                "oidc.store.redis.password", Optional.ofNullable(System.getenv("OIDC_STORE_REDIS_PASSWORD"))
                        .orElse("app-secret"),
                "oidc.store.redis.truststore", services + "/redis/tls/truststore.p12",
                "oidc.store.redis.truststore-password", "changeit",
                "oidc.store.redis.key-prefix", "oidc:sas-example:",
                StoreSettings.SECRET_PEPPER_KEY, pepper);
        return RedisSettings.read(k -> Optional.ofNullable(config.get(k)));
    }

    private static OidcStore composite(OidcStore durable, OidcStore volatileTier, String pepper) {
        return CompositeStores.builder().withTier(StoreTier.DURABLE, durable)
                .withTier(StoreTier.VOLATILE, volatileTier)
                .config(Map.of(StoreSettings.SECRET_PEPPER_KEY, pepper)).build();
    }

    /** SAS in a plain servlet app: a DispatcherServlet and the springSecurityFilterChain. */
    private static Tomcat start(OidcStore store, int port) throws Exception {
        OidcStoreRegisteredClientRepository clients = new OidcStoreRegisteredClientRepository(store);
        AnnotationConfigWebApplicationContext app = new AnnotationConfigWebApplicationContext();
        app.addBeanFactoryPostProcessor(bf -> {
            bf.registerSingleton("authorizationService", new OidcStoreAuthorizationService(store, clients));
            bf.registerSingleton("registeredClientRepository", clients);
            bf.registerSingleton("authorizationConsentService",
                    new OidcStoreAuthorizationConsentService(store, clients));
        });
        app.register(SasWebConfig.class);
        // classes come from this class's loader (under exec:java, not the JVM's application loader)
        ClassLoader loader = SasOnOidcStore.class.getClassLoader();
        app.setClassLoader(loader);

        File base = Files.createTempDirectory("sas-on-oidc-store").toFile();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.getAbsolutePath());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", base.getAbsolutePath());
        ctx.setParentClassLoader(loader);
        ctx.addServletContainerInitializer((classes, servletContext) -> {
            app.setServletContext(servletContext);
            app.refresh();
            servletContext.addServlet("dispatcher", new DispatcherServlet(app)).addMapping("/");
            servletContext.addFilter("springSecurityFilterChain",
                    new DelegatingFilterProxy("springSecurityFilterChain", app)).addMappingForUrlPatterns(null,
                    false, "/*");
        }, null);
        tomcat.start();
        return tomcat;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
