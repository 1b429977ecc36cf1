package org.oidcstore.store.composite.internal;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedMember;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oidcstore.store.Client;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.RoutingPlan;
import org.oidcstore.store.composite.StaticClient;
import org.oidcstore.store.composite.StaticClientDeclaration;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;
import org.oidcstore.store.tier.StoreTier;
import org.oidcstore.store.tier.Volatile;

/**
 * Validates the routing of a CDI deployment. It only collects facts: in {@code ProcessBean}, which
 * substore interfaces have a {@code @Durable} / {@code @Volatile} bean and the {@code @BackendInfo}
 * of the bean class that declares them; in {@code AfterDeploymentValidation}, the routing keys from
 * MicroProfile Config and the backends' {@code ConfigSafetyCheck}s. {@link DeploymentCheck} judges
 * them, and each problem becomes one {@code addDeploymentProblem} (a {@link DeploymentProblem}, so
 * that the container shows it once). No backend bean is ever created and no connection is opened to
 * validate.
 *
 * <p>It also registers the composite's beans ({@link CompositeProducer}, {@link StaticClientStartup}),
 * so that the bundle needs no bean archive of its own.
 */
public class StoreRoutingExtension implements Extension {
    private static final System.Logger LOG = System.getLogger(StoreRoutingExtension.class.getName());

    private final Map<String, BackendBeans> backends = new LinkedHashMap<>();
    private final List<String> staticClientBeans = new ArrayList<>();
    private volatile Validated validated;
    private boolean reportedEarly;

    /** The outcome of a valid deployment, for the producers. */
    public record Validated(RoutingPlan plan, List<StaticClientDeclaration> staticClients) {
    }

    void register(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        bbd.addAnnotatedType(bm.createAnnotatedType(CompositeProducer.class), CompositeProducer.class.getName());
        bbd.addAnnotatedType(bm.createAnnotatedType(StaticClientStartup.class), StaticClientStartup.class.getName());
    }

    <T> void collect(@Observes ProcessBean<T> event) {
        Bean<T> bean = event.getBean();
        StoreTier tier = null;
        boolean staticClient = false;
        for (Annotation q : bean.getQualifiers()) {
            if (q.annotationType() == Durable.class) {
                tier = StoreTier.DURABLE;
            } else if (q.annotationType() == Volatile.class) {
                tier = StoreTier.VOLATILE;
            } else if (q.annotationType() == StaticClient.class) {
                staticClient = true;
            }
        }
        if (staticClient && bean.getTypes().stream().anyMatch(StoreRoutingExtension::isClientOrClientList)) {
            staticClientBeans.add("@StaticClient bean " + describe(event));
        }
        if (tier == null) {
            return;
        }
        BackendInfo info = backendInfo(event);
        String name = info != null ? info.name() : bean.getBeanClass().getName();
        BackendBeans found = null;
        for (Type t : bean.getTypes()) {
            Class<?> raw = raw(t);
            Optional<StoreKind> kind = StoreKind.ofStoreType(raw);
            if (kind.isPresent() || raw == StaticClientReconciler.class || raw == OidcStore.class) {
                if (found == null) {
                    found = backend(tier, name, info, bean.getBeanClass().getName());
                }
                found.add(raw, kind.orElse(null), describe(event), bean);
            }
        }
    }

    private BackendBeans backend(StoreTier tier, String name, BackendInfo info, String beanClass) {
        String key = tier + "/" + name;
        BackendBeans found = backends.get(key);
        if (found == null) {
            // without @BackendInfo the name falls back to the class, and the backend counts as not
            // transactional: a cluster anchored there is refused (OIDCS-2040, whose message says why)
            String origin = beanClass + (info == null ? " (no @BackendInfo)" : "");
            if (info == null) {
                LOG.log(Level.WARNING, "oidc-store: {0} produces @{1} store beans but carries no @BackendInfo; the"
                        + " backend is named after the class and counts as not transactional", beanClass,
                        tier == StoreTier.DURABLE ? "Durable" : "Volatile");
            }
            found = new BackendBeans(name, tier, info != null && info.transactional(), origin);
            backends.put(key, found);
        }
        return found;
    }

    /**
     * Normally the routing is validated once, in {@code AfterDeploymentValidation}. But when a tier
     * has several backends (two bundles deployed, rule 8), their own qualified injection points
     * (such as {@code @Volatile OidcStore} in each producer) are ambiguous, and the container's
     * validation would fail with a bare ambiguity error before {@code AfterDeploymentValidation}
     * is ever fired. So that case is judged here, after discovery and before that validation, and
     * every problem is reported as a definition error.
     */
    void severalBackendsPerTier(@Observes AfterBeanDiscovery abd) {
        long tiers = backends.values().stream().map(BackendBeans::tier).count();
        long distinct = backends.values().stream().map(BackendBeans::tier).distinct().count();
        if (tiers > distinct) {
            reportedEarly = true;
            problems().forEach(p -> abd.addDefinitionError(new DeploymentProblem(p)));
        }
    }

    void validate(@Observes AfterDeploymentValidation adv) {
        if (reportedEarly) {
            return;
        }
        problems().forEach(p -> adv.addDeploymentProblem(new DeploymentProblem(p)));
    }

    /**
     * Every problem of this deployment, each once (the container reports them; nothing here logs
     * them again); empty, and the routing kept, when valid. Runs once per deployment, so the
     * acknowledged risks are warned once, before the first request.
     */
    private List<String> problems() {
        try {
            DeploymentCheck.Result r = DeploymentCheck.run(ConfigLookup.current(), backends.values(),
                    staticClientBeans);
            r.warnings().forEach(w -> LOG.log(Level.WARNING, w));
            if (r.problems().isEmpty()) {
                validated = new Validated(r.plan(), r.staticClients());
                LOG.log(Level.INFO, "oidc-store routing (kind, tier, backend, reason):" + r.plan().table());
            }
            return r.problems();
        } catch (RuntimeException e) {
            // the class only: a config source's message may quote a value (a pepper, a client secret)
            return List.of("OIDCS-2100 the oidc-store configuration could not be read (" + e.getClass().getName()
                    + "); check the oidc.store.* properties and their config sources");
        }
    }

    /**
     * The backend bean of {@code type} on {@code tier} from backend {@code name}, as seen during
     * discovery: the composite reaches exactly the beans it validated. Looking them up by type and
     * qualifier from the composite's own beans is not enough on every server: on Payara (GlassFish
     * bean-archive visibility) the beans this extension adds cannot resolve the backends' beans in
     * other {@code WEB-INF/lib} jars.
     */
    public Optional<Bean<?>> backendBean(StoreTier tier, String name, Class<?> type) {
        BackendBeans b = backends.get(tier + "/" + name);
        return Optional.ofNullable(b == null ? null : b.bean(type));
    }

    /** The validated routing; only called by beans, which exist only in a valid deployment. */
    public Validated validated() {
        if (validated == null) {
            throw new IllegalStateException("the oidc-store routing was not validated (see the deployment"
                    + " problems)");
        }
        return validated;
    }

    private static BackendInfo backendInfo(ProcessBean<?> event) {
        Annotated annotated = event.getAnnotated();
        if (annotated instanceof AnnotatedMember<?> m) {
            return m.getDeclaringType().getAnnotation(BackendInfo.class);
        }
        if (annotated instanceof AnnotatedType<?> t) {
            return t.getAnnotation(BackendInfo.class);
        }
        return event.getBean().getBeanClass().getAnnotation(BackendInfo.class);
    }

    private static String describe(ProcessBean<?> event) {
        Annotated a = event.getAnnotated();
        String member = a instanceof AnnotatedMember<?> m ? "#" + m.getJavaMember().getName() : "";
        return event.getBean().getBeanClass().getName() + member;
    }

    private static boolean isClientOrClientList(Type t) {
        if (t == Client.class) {
            return true;
        }
        return t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == Client.class;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
