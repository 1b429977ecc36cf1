package org.oidcstore.spring.sas;

import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * A Spring web context in an embedded Tomcat on a random loopback port, as a plain servlet
 * application: a {@link DispatcherServlet} and Spring Security's {@code springSecurityFilterChain}
 * through a {@link DelegatingFilterProxy}. No Spring Boot.
 */
final class EmbeddedServlet implements AutoCloseable {
    private final Tomcat tomcat;
    private final Connector connector;
    private final AnnotationConfigWebApplicationContext app;

    private EmbeddedServlet(Tomcat tomcat, Connector connector, AnnotationConfigWebApplicationContext app) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.app = app;
    }

    /**
     * Starts {@code app} (not yet refreshed) on 127.0.0.1, port chosen by the system.
     *
     * @param sessionCookie the session cookie's name (cookies ignore ports: two apps on one host
     *     need two names)
     */
    public static EmbeddedServlet start(AnnotationConfigWebApplicationContext app, String sessionCookie)
            throws Exception {
        File base = Files.createTempDirectory("oidc-store-tomcat").toFile();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.getAbsolutePath());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", base.getAbsolutePath());
        ctx.setSessionCookieName(sessionCookie);
        ctx.addServletContainerInitializer((classes, servletContext) -> {
            app.setServletContext(servletContext);
            app.refresh();
            servletContext.addServlet("dispatcher", new DispatcherServlet(app)).addMapping("/");
            servletContext.addFilter("springSecurityFilterChain",
                    new DelegatingFilterProxy("springSecurityFilterChain", app))
                    .addMappingForUrlPatterns(null, false, "/*");
        }, null);
        tomcat.start();
        return new EmbeddedServlet(tomcat, connector, app);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public AnnotationConfigWebApplicationContext app() {
        return app;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
        app.close();
    }
}
