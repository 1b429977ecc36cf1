package org.oidcstore.features.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A test bundle (assembled by {@code KarafFeaturesIT}, never shipped): it tracks the
 * {@code org.oidcstore.store.OidcStore} services and, for each one that appears, does one round
 * trip as a client in another bundle would — mark a JWT ID twice (the second is a replay), save a
 * pushed authorization request and consume it twice (the second is a replay); with a durable tier
 * ({@code oidc.store.durable-backend=jpa}) also the provider flow of {@link DurableProbe} — and
 * writes the outcome to {@code <Oidc-Probe-Output>/<service.id>.txt}.
 */
public final class Probe implements BundleActivator {
    private ServiceTracker<OidcStore, OidcStore> tracker;

    @Override
    public void start(BundleContext context) {
        Path out = Path.of(context.getBundle().getHeaders().get("Oidc-Probe-Output"));
        tracker = new ServiceTracker<>(context, OidcStore.class, null) {
            @Override
            public OidcStore addingService(ServiceReference<OidcStore> ref) {
                OidcStore store = context.getService(ref);
                Thread t = new Thread(() -> write(out.resolve(ref.getProperty("service.id") + ".txt"),
                        roundTrip(ref, store)), "oidc-probe");
                t.start();
                return store;
            }
        };
        tracker.open();
    }

    static String roundTrip(ServiceReference<OidcStore> ref, OidcStore store) {
        StringBuilder r = new StringBuilder();
        r.append("backend=").append(ref.getProperty("oidc.store.volatile-backend"));
        r.append(" durable=").append(ref.getProperty("oidc.store.durable-backend"));
        r.append(" kinds=").append(ref.getProperty("oidc.store.kinds"));
        try {
            String jti = "probe-" + UUID.randomUUID();
            Instant expires = Instant.now().plusSeconds(300);
            store.consumedJwtIds().mark(jti, expires);
            r.append(" marked=").append(store.consumedJwtIds().isMarked(jti));
            try {
                store.consumedJwtIds().mark(jti, expires);
                r.append(" jti-replay=missed");
            } catch (AlreadyConsumedException e) {
                r.append(" jti-replay=refused");
            }
            String uri = "urn:ietf:params:oauth:request_uri:" + UUID.randomUUID();
            store.pushedAuthorizationRequests().save(new PushedAuthorizationRequest(uri, "client-a",
                    Map.of("response_type", List.of("code")), Instant.now(), expires));
            r.append(" par-consumed=").append(store.pushedAuthorizationRequests().consume(uri).isPresent());
            try {
                store.pushedAuthorizationRequests().consume(uri);
                r.append(" par-replay=missed");
            } catch (AlreadyConsumedException e) {
                r.append(" par-replay=refused");
            }
            r.append(" jti=").append(jti);
            if ("jpa".equals(ref.getProperty("oidc.store.durable-backend"))) {
                r.append(DurableProbe.flow(store));
            }
        } catch (RuntimeException e) {
            r.append(" error=").append(e);
        }
        return r.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void stop(BundleContext context) {
        tracker.close();
    }
}
