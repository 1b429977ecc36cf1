package org.oidcstore.store.osgi.internal;

import java.time.Clock;
import java.util.Map;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.CompositeStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Publishes the composite as an {@code org.oidcstore.store.OidcStore} (and {@code CompositeStore})
 * service while the Configuration Admin PID {@value #PID} exists. A changed configuration
 * deactivates the component (the service is unregistered and the backend closed) and activates it
 * again with the new one; an invalid configuration fails the activation with the problem ids in
 * the log, and no service is registered.
 */
@Component(configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
public class StoreComponent {
    /** The Configuration Admin PID: {@code etc/org.oidcstore.store.cfg} in Karaf. */
    public static final String PID = "org.oidcstore.store";
    private static final System.Logger LOG = System.getLogger(StoreComponent.class.getName());

    private OsgiStore store;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context, Map<String, Object> configuration) {
        store = OsgiStore.build(configuration, Clock.systemUTC());
        registration = context.registerService(new String[] {OidcStore.class.getName(), CompositeStore.class.getName()},
                store.composite(), store.serviceProperties());
        LOG.log(System.Logger.Level.INFO, "oidc-store OSGi service registered: {0}", store.serviceProperties());
    }

    @Deactivate
    void deactivate() {
        try {
            if (registration != null) {
                registration.unregister();
            }
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it while the bundle stopped
        } finally {
            registration = null;
            if (store != null) {
                store.close();
                store = null;
            }
        }
    }
}
