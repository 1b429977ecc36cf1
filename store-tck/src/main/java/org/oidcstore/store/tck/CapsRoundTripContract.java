package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.Limits;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.User;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.tck.Caps.Shape;

/**
 * Records of the durable kinds exactly at the caps of {@link Limits} read back equal: every
 * collection at {@link Limits#MAX_COLLECTION_BYTES} (with {@link Limits#MAX_ELEMENTS} elements,
 * or elements of {@link Limits#MAX_ELEMENT_LENGTH}, or four-byte characters), every text field at
 * {@link Limits#MAX_TEXT_LENGTH}, identifiers at {@link Limits#MAX_ID_LENGTH}, the inline JWK Set
 * at {@link Limits#MAX_JWKS_LENGTH}, and instants at {@link Limits#MIN_INSTANT} /
 * {@link Limits#MAX_INSTANT} where the field allows. What a record accepts, every backend must
 * store: a column too narrow for the encoded value is a bug, not a limit.
 */
@ContractFor({})
public abstract class CapsRoundTripContract extends StoreContract {

    @ParameterizedTest
    @EnumSource(Shape.class)
    @Covers(value = "register", type = ClientRegistry.class)
    @Covers(value = "update", type = ClientRegistry.class)
    void aClientAtEveryCapReadsBackEqual(Shape shape) {
        ClientRegistry registry = store.clientRegistry().orElseThrow(() -> new AssertionError("clientRegistry() is empty"));
        Client c = Client.builder(Caps.id("client-")).secretHash(Caps.secretHash())
                .redirectUris(Caps.collection(shape, 'r')).postLogoutRedirectUris(Caps.collection(shape, 'p'))
                .grantTypes(Caps.collection(shape, 'g')).responseTypes(Caps.collection(shape, 't'))
                .scopes(Caps.collection(shape, 's')).tokenEndpointAuthMethod(Caps.text('m'))
                .source(ClientSource.DYNAMIC).jwks(Caps.jwks()).backchannelLogoutUri(Caps.uri("rp.example"))
                .backchannelLogoutSessionRequired(true).clientName(Caps.text('n')).metadata(Caps.map(shape, 'k'))
                .build();
        registry.register(c);
        assertThat(store.clients().find(c.clientId())).contains(c);
        Client keyed = c.toBuilder().secretHash(null).jwks(null).jwksUri(Caps.uri("keys.example")).build();
        assertThat(registry.update(keyed)).isTrue();
        assertThat(store.clients().find(c.clientId())).contains(keyed);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    @Covers(value = "find", type = UserStore.class)
    void aUserWithClaimsAtTheCapReadsBackEqual(Shape shape) {
        User u = new User(Caps.id("sub-"), Caps.map(shape, 'c'), Limits.MAX_INSTANT);
        fixture.seedUser(u);
        assertThat(store.users().find(u.subject())).contains(u);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    @Covers(value = "save", type = GrantStore.class)
    @Covers(value = "listBySubject", type = GrantStore.class)
    void aGrantAtEveryCapReadsBackEqualAfterInsertAndUpdate(Shape shape) {
        Grant g = Grant.builder().grantId(Caps.id("grant-")).subject(Caps.id("sub-")).clientId(Caps.id("client-"))
                .scopes(Caps.collection(shape, 's')).resources(Caps.collection(shape, 'r'))
                .createdAt(Limits.MIN_INSTANT).updatedAt(Limits.MIN_INSTANT).expiresAt(Limits.MAX_INSTANT).build();
        Grant v1 = store.grants().save(g);
        assertThat(v1).isEqualTo(g.withVersion(1));
        assertThat(store.grants().find(g.grantId())).contains(v1);
        assertThat(store.grants().findActive(g.subject(), g.clientId())).contains(v1);
        assertThat(store.grants().listBySubject(g.subject(), null, 10).items()).containsExactly(v1);
        assertThat(store.grants().listClientIds(g.subject(), null, 10).items()).containsExactly(g.clientId());
        Grant change = v1.toBuilder().scopes(Caps.collection(shape, 'x')).updatedAt(Limits.MAX_INSTANT).build();
        Grant v2 = store.grants().save(change);
        assertThat(store.grants().find(g.grantId())).contains(v2).contains(change.withVersion(2));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    @Covers(value = "save", type = AuthorizationCodeStore.class)
    @Covers(value = "consume", type = AuthorizationCodeStore.class)
    void anAuthorizationCodeAtEveryCapReadsBackEqual(Shape shape) {
        AuthorizationCode c = AuthorizationCode.builder().code(Caps.id("code-")).clientId(Caps.id("client-"))
                .subject(Caps.id("sub-")).grantId(Caps.id("grant-")).redirectUri(Caps.text('u'))
                .scopes(Caps.collection(shape, 's')).resources(Caps.collection(shape, 'r'))
                .codeChallenge(Caps.text('c')).codeChallengeMethod(Caps.text('m')).nonce(Caps.text('n'))
                .dpopJkt(Caps.text('j')).sessionId(Caps.id("sid-")).authTime(Limits.MIN_INSTANT).acr(Caps.text('a'))
                .amr(Caps.collection(shape, 'a')).expiresAt(Limits.MAX_INSTANT).createdAt(Limits.MIN_INSTANT).build();
        store.authorizationCodes().save(c);
        assertThat(store.authorizationCodes().find(c.code())).contains(c);
        assertThat(store.authorizationCodes().consume(c.code())).contains(c.withConsumedAt(clock.now()));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    @Covers(value = "save", type = RefreshTokenStore.class)
    @Covers(value = "consume", type = RefreshTokenStore.class)
    void aRefreshTokenAtEveryCapReadsBackEqual(Shape shape) {
        RefreshToken t = RefreshToken.builder().token(Caps.id("rt-")).clientId(Caps.id("client-"))
                .subject(Caps.id("sub-")).grantId(Caps.id("grant-")).scopes(Caps.collection(shape, 's'))
                .resources(Caps.collection(shape, 'r')).authTime(Limits.MIN_INSTANT).acr(Caps.text('a'))
                .amr(Caps.collection(shape, 'a')).nonce(Caps.text('n')).sessionId(Caps.id("sid-"))
                .dpopJkt(Caps.text('j')).certThumbprint(Caps.text('x')).expiresAt(Limits.MAX_INSTANT)
                .createdAt(Limits.MIN_INSTANT).build();
        store.refreshTokens().save(t, null);
        assertThat(store.refreshTokens().find(t.token())).contains(t);
        assertThat(store.refreshTokens().consume(t.token())).contains(t.withConsumedAt(clock.now()));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    @Covers(value = "save", type = OpaqueAccessTokenStore.class)
    @Covers(value = "revoke", type = OpaqueAccessTokenStore.class)
    void anOpaqueAccessTokenAtEveryCapReadsBackEqual(Shape shape) {
        OpaqueAccessToken t = OpaqueAccessToken.builder().token(Caps.id("at-")).clientId(Caps.id("client-"))
                .subject(Caps.id("sub-")).grantId(Caps.id("grant-")).scopes(Caps.collection(shape, 's'))
                .resources(Caps.collection(shape, 'r')).dpopJkt(Caps.text('j')).certThumbprint(Caps.text('x'))
                .issuedAt(Limits.MIN_INSTANT).expiresAt(Limits.MAX_INSTANT).build();
        store.opaqueAccessTokens().save(t);
        assertThat(store.opaqueAccessTokens().find(t.token())).contains(t);
        assertThat(store.opaqueAccessTokens().revoke(t.token())).isTrue();
        assertThat(store.opaqueAccessTokens().find(t.token())).contains(t.withRevoked(true));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    @Covers(value = "register", type = AccessTokenRegistry.class)
    @Covers(value = "find", type = AccessTokenRegistry.class)
    void aJwtAccessTokenRowAtEveryCapReadsBackEqual(Shape shape) {
        JwtAccessToken t = new JwtAccessToken(Caps.id("jti-"), Caps.id("client-"), Caps.id("sub-"), Caps.id("grant-"),
                Set.copyOf(Caps.collection(shape, 's')), Limits.MIN_INSTANT, Limits.MAX_INSTANT, false);
        store.accessTokens().register(t);
        assertThat(store.accessTokens().find(t.jti())).contains(t);
        assertThat(store.accessTokens().revokeByGrant(t.grantId())).isEqualTo(1);
    }
}
