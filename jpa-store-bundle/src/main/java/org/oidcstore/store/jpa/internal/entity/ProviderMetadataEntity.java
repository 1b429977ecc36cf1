package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One provider-wide invariant ({@code oidc_provider_metadata}), by key. Written over plain JDBC by
 * {@code JpaProviderMetadataStore} (upsert, conditional insert or update); read here.
 */
@Entity
@Table(name = "oidc_provider_metadata")
public class ProviderMetadataEntity {
    /** Columns of {@code oidc_provider_metadata}, the key first (for the dialect upsert). */
    public static final String[] COLUMNS = {"meta_key", "meta_value"};

    @Id
    @Column(name = "meta_key")
    String key;
    @Column(name = "meta_value")
    String value;

    protected ProviderMetadataEntity() {
    }

    public String value() {
        return value;
    }
}
