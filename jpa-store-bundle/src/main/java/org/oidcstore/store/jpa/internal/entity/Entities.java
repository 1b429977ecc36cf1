package org.oidcstore.store.jpa.internal.entity;

import java.util.List;

/** Every entity class of the persistence unit (listed explicitly, nothing is scanned). */
public final class Entities {
    public static final List<Class<?>> ALL = List.of(ClientEntity.class, UserEntity.class,
            AuthorizationCodeEntity.class, RefreshTokenEntity.class, GrantEntity.class, AccessTokenEntity.class,
            OpaqueAccessTokenEntity.class, GrantTombstoneEntity.class, RevokedJtiEntity.class, SessionEntity.class,
            InteractionEntity.class, ConsumedJtiEntity.class, PushedAuthRequestEntity.class,
            DeviceAuthorizationEntity.class, CibaRequestEntity.class, InitialAccessTokenEntity.class,
            RegistrationTokenEntity.class, ProviderMetadataEntity.class, AuthorizationContextEntity.class);

    private Entities() {
    }
}
