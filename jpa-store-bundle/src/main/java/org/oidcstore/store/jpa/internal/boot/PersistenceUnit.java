package org.oidcstore.store.jpa.internal.boot;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.oidcstore.store.jpa.internal.entity.Entities;

/**
 * The tier's persistence unit, built in code: the jar carries no {@code META-INF/persistence.xml},
 * because WildFly or Payara would deploy one with their own provider. JTA, the entity classes
 * listed explicitly, no shared cache (other nodes and conditional statements change rows behind
 * any cache), no bean validation.
 */
final class PersistenceUnit implements PersistenceUnitInfo {
    static final String NAME = "oidc-store";

    private final DataSource jtaDataSource;
    private final ClassLoader classLoader;

    PersistenceUnit(DataSource jtaDataSource) {
        this.jtaDataSource = jtaDataSource;
        this.classLoader = PersistenceUnit.class.getClassLoader();
    }

    @Override
    public String getPersistenceUnitName() {
        return NAME;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return org.eclipse.persistence.jpa.PersistenceProvider.class.getName();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.JTA;
    }

    @Override
    public DataSource getJtaDataSource() {
        return jtaDataSource;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return null;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        var source = PersistenceUnit.class.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    @Override
    public List<String> getManagedClassNames() {
        return Entities.ALL.stream().map(Class::getName).toList();
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // weaving is off: the entities need neither lazy loading nor change tracking
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return classLoader;
    }
}
