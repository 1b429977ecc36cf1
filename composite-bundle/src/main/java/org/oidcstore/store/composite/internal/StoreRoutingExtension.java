package org.oidcstore.store.composite.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.spi.HostedKinds;
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
    private final List<RoutingFacts.UnnamedBackend> withoutInfo = new ArrayList<>();
    private volatile ValidatedDeployment validated;
    private boolean reportedEarly;

    void register(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        bbd.addAnnotatedType(bm.createAnnotatedType(CompositeProducer.class), CompositeProducer.class.getName());
        bbd.addAnnotatedType(bm.createAnnotatedType(StaticClientStartup.class), StaticClientStartup.class.getName());
    }

    <T> void collect(@Observes ProcessBean<T> event) {
        Bean<T> bean = event.getBean();
        StoreTier tier = null;
        for (Annotation q : bean.getQualifiers()) {
            if (q.annotationType() == Durable.class) {
                tier = StoreTier.DURABLE;
            } else if (q.annotationType() == Volatile.class) {
                tier = StoreTier.VOLATILE;
            }
        }
        StaticClientStartup.declaration(bean, describe(event)).ifPresent(staticClientBeans::add);
        if (tier == null) {
            return;
        }
        if (!bean.getTypes().contains(OidcStore.class)) {
            return; // substore beans (a backend's are derived from its aggregate's table) tell nothing new
        }
        BackendInfo info = backendInfo(event);
        if (info == null) {
            withoutInfo.add(new RoutingFacts.UnnamedBackend(tier, describe(event)));
            return;
        }
        String origin = bean.getBeanClass().getName();
        StoreTier t = tier;
        backends.computeIfAbsent(ValidatedDeployment.key(tier.name(), info.name()), k -> new BackendBeans(info.name(), t,
                info.transactional(), HostedKinds.declaredBy(info.kinds()), origin)).add(describe(event), bean);
    }

    /**
     * Normally the routing is validated once, in {@code AfterDeploymentValidation}. But when a tier
     * has several backends (two bundles deployed, rule 8), their own qualified injection points
     * (such as {@code @Volatile OidcStore} in each producer) are ambiguous, and the container's
     * validation would fail with a bare ambiguity error before {@code AfterDeploymentValidation}
     * is ever fired. So that case is judged here, after discovery and before that validation, and
     * every problem is reported as a definition error.
     */
    void severalBackendsPerTier(@Observes AfterBeanDiscovery abd, BeanManager bm) {
        defaultSubstoreBeans(abd, bm);
        abd.addBean().beanClass(ValidatedDeployment.class).types(ValidatedDeployment.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Dependent.class)
                .createWith(cc -> validated());
        long tiers = backends.values().stream().map(BackendBeans::tier).count();
        long distinct = backends.values().stream().map(BackendBeans::tier).distinct().count();
        if (tiers > distinct) {
            reportedEarly = true;
            problems().forEach(p -> abd.addDefinitionError(new DeploymentProblem(p)));
        }
    }

    /**
     * The {@code @Default} bean of every kind's interface ({@code @Inject RefreshTokenStore}),
     * derived from {@link StoreKind}: each is the composite's routed (and metered) substore, behind a
     * client proxy, so nothing is resolved before its first call, and an unrouted kind fails then
     * with OIDCS-1002.
     */
    private static void defaultSubstoreBeans(AfterBeanDiscovery abd, BeanManager bm) {
        for (StoreKind kind : StoreKind.values()) {
            abd.addBean().beanClass(CompositeProducer.class).types(kind.storeType(), Object.class)
                    .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(ApplicationScoped.class)
                    .createWith(cc -> kind.storeType().cast(composite(bm, cc).store(kind)));
        }
    }

    private static CompositeStore composite(BeanManager bm, CreationalContext<?> cc) {
        Bean<?> bean = bm.resolve(bm.getBeans(CompositeStore.class));
        return (CompositeStore) bm.getReference(bean, CompositeStore.class, cc);
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
            DeploymentCheck.Result r = DeploymentCheck.run(CurrentConfig.lookup(), backends.values(),
                    staticClientBeans, withoutInfo);
            r.warnings().forEach(w -> LOG.log(Level.WARNING, w));
            if (r.problems().isEmpty()) {
                Map<String, Bean<?>> aggregates = new LinkedHashMap<>();
                backends.forEach((key, b) -> aggregates.put(key, b.aggregate()));
                validated = new ValidatedDeployment(r.plan(), r.staticClients(), aggregates);
                LOG.log(Level.INFO, "oidc-store routing (kind, tier, backend, reason):" + r.plan().table());
            }
            return r.problems();
        } catch (RuntimeException e) {
            // the class only: a config source's message may quote a value (a pepper, a client secret)
            return List.of(CompositeMessages.CONFIG_UNREADABLE + " the oidc-store configuration could not be read (" + e.getClass().getName()
                    + "); check the oidc.store.* properties and their config sources");
        }
    }

    /**
     * The validated routing's backends, each with the aggregate bean the routing validated (the
     * composite's health checks probe through them); only asked for in a valid deployment.
     */
    public java.util.Map<BackendFacts, Bean<?>> validatedBackends() {
        ValidatedDeployment v = validated();
        java.util.Map<BackendFacts, Bean<?>> out = new java.util.LinkedHashMap<>();
        for (BackendFacts b : v.plan().backends().values()) {
            out.putIfAbsent(b, v.aggregate(b));
        }
        return out;
    }

    /** The validated routing; only asked for by beans, which exist only in a valid deployment. */
    private ValidatedDeployment validated() {
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
}
