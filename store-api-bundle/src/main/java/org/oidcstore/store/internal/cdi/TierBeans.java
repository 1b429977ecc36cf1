package org.oidcstore.store.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedMember;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.HostedKinds;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;
import org.oidcstore.store.tier.Volatile;

/**
 * Derives a backend's tier-qualified substore beans from its table of hosted kinds: for every
 * {@code @Durable}/{@code @Volatile} {@code OidcStore} bean whose producer carries
 * {@link BackendInfo}, one {@code @ApplicationScoped} bean per hosted kind and per API type it
 * offers ({@code @Volatile SessionStore}, {@code @Volatile InteractionCompareAndSwap}, …), each the
 * aggregate's own substore. A backend therefore produces only its aggregate, and a new kind needs
 * no producer method anywhere. The beans are client proxies: nothing is created, and no
 * connection opened, before a method is called.
 */
public class TierBeans implements Extension {

    private record Aggregate(Annotation qualifier, Bean<?> bean, HostedKinds<?> kinds) {
    }

    private final List<Aggregate> aggregates = new ArrayList<>();

    <T> void collect(@Observes ProcessBean<T> event) {
        Bean<T> bean = event.getBean();
        if (!bean.getTypes().contains(OidcStore.class)) {
            return;
        }
        Annotation qualifier = bean.getQualifiers().stream()
                .filter(q -> q.annotationType() == Durable.class || q.annotationType() == Volatile.class)
                .findFirst().orElse(null);
        BackendInfo info = backendInfo(event);
        if (qualifier == null || info == null) {
            return;
        }
        aggregates.add(new Aggregate(qualifier, bean, HostedKinds.declaredBy(info.kinds())));
    }

    void register(@Observes AfterBeanDiscovery abd, BeanManager bm) {
        for (Aggregate a : aggregates) {
            for (StoreKind kind : a.kinds().kinds()) {
                for (Class<?> type : a.kinds().types(kind)) {
                    abd.addBean().beanClass(a.bean().getBeanClass()).types(type, Object.class)
                            .qualifiers(a.qualifier(), Any.Literal.INSTANCE).scope(ApplicationScoped.class)
                            .createWith(cc -> type.cast(
                                    ((OidcStore) bm.getReference(a.bean(), OidcStore.class, cc)).store(kind)));
                }
            }
        }
    }

    /** The {@link BackendInfo} of the class that declares the bean (its producer class), if any. */
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
}
