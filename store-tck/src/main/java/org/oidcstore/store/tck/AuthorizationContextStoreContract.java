package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.AuthorizationContextStore;
import org.oidcstore.store.Limits;
import org.oidcstore.store.StoreKind;

/**
 * Contract of {@link AuthorizationContextStore}: the context round-trips byte for byte, a save
 * replaces, the ID token last bound finds its grant (and only the last one, only as presented,
 * never by its digest), an expired context is absent everywhere, bad input writes nothing.
 */
@ContractFor(AuthorizationContextStore.class)
public abstract class AuthorizationContextStoreContract extends StoreContract {

    private AuthorizationContextStore contexts() {
        return store.authorizationContexts();
    }

    /** A live context of a fresh grant holding {@code bytes}. */
    private AuthorizationContext context(byte[] bytes) {
        return context(Samples.id("grant"), "sub-ctx", bytes, clock.now(), samples.expiry());
    }

    private AuthorizationContext context(String grantId, String subject, byte[] bytes, Instant createdAt,
            Instant expiresAt) {
        return new AuthorizationContext(grantId, subject, "client-a", bytes, createdAt, expiresAt);
    }

    /** A signed-JWT-sized ID token (three base64url parts, ~1.2 KiB: longer than any identifier). */
    static String idToken() {
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(Samples.secret("idt").repeat(20).getBytes());
        return "eyJhbGciOiJSUzI1NiJ9." + body + "." + Samples.secret("sig").repeat(4);
    }

    @Test
    @Covers("save")
    @Covers("find")
    void theContextRoundTripsByteForByte() {
        AuthorizationContext c = context(Samples.binaryState(1));
        contexts().save(c, null);
        AuthorizationContext read = contexts().find(c.grantId()).orElseThrow();
        assertThat(read.context()).containsExactly(Samples.binaryState(1));
        assertThat(read).isEqualTo(c);
        AuthorizationContext empty = context(new byte[0]);
        contexts().save(empty, null);
        assertThat(contexts().find(empty.grantId())).contains(empty);
        assertThat(contexts().find("no-such-grant")).isEmpty();
    }

    @Test
    @Covers("save")
    @Covers("findByIdToken")
    void theLargestContextAndTheLongestIdTokenRoundTrip() {
        byte[] largest = new byte[Limits.MAX_CONTEXT_BYTES];
        for (int i = 0; i < largest.length; i++) {
            largest[i] = (byte) (i * 13 + 7);
        }
        String longest = idToken();
        longest = longest + "x".repeat(Limits.MAX_ID_TOKEN_LENGTH - longest.length());
        AuthorizationContext c = context(largest);
        contexts().save(c, longest);
        assertThat(contexts().find(c.grantId())).contains(c);
        assertThat(contexts().findByIdToken(longest)).contains(c);
        assertThat(contexts().findByIdToken(longest.substring(0, longest.length() - 1)))
                .as("one character shorter").isEmpty();
    }

    @Test
    @Covers("save")
    void saveReplacesTheContextOfTheGrant() {
        AuthorizationContext c = context(Samples.binaryState(1));
        contexts().save(c, null);
        AuthorizationContext next = context(c.grantId(), c.subject(), Samples.binaryState(2), clock.now(),
                c.expiresAt().plusSeconds(3600));
        contexts().save(next, null);
        assertThat(contexts().find(c.grantId())).contains(next);
    }

    @Test
    @Covers("save")
    @Covers("findByIdToken")
    void theIdTokenLastBoundFindsItsGrantAndOnlyAsPresented() {
        AuthorizationContext c = context(Samples.binaryState(1));
        String idToken = idToken();
        contexts().save(c, idToken);
        assertThat(contexts().findByIdToken(idToken)).contains(c);
        assertThat(contexts().findByIdToken(idToken()).isEmpty()).as("another ID token").isTrue();
        assertThat(contexts().findByIdToken(fixture.digest().digest(StoreKind.AUTHORIZATION_CONTEXTS, idToken)))
                .as("the digest presented as an ID token").isEmpty();
        Hashing.assertOnlyDigestStored(fixture, StoreKind.AUTHORIZATION_CONTEXTS, idToken);
    }

    @Test
    @Covers("save")
    @Covers("findByIdToken")
    void aNewIdTokenReplacesThePreviousOneAndNullKeepsIt() {
        AuthorizationContext c = context(Samples.binaryState(1));
        String first = idToken();
        String second = idToken();
        contexts().save(c, first);
        AuthorizationContext next = context(c.grantId(), c.subject(), Samples.binaryState(2), clock.now(), c.expiresAt());
        contexts().save(next, second);
        assertThat(contexts().findByIdToken(second)).contains(next);
        assertThat(contexts().findByIdToken(first)).as("the older ID token of the grant").isEmpty();
        AuthorizationContext third = context(c.grantId(), c.subject(), Samples.binaryState(3), clock.now(), c.expiresAt());
        contexts().save(third, null);
        assertThat(contexts().findByIdToken(second)).as("null keeps the binding").contains(third);
    }

    @Test
    @Covers("save")
    @Covers("findByIdToken")
    void bindingAnIdTokenToAnotherGrantMovesIt() {
        AuthorizationContext a = context(Samples.binaryState(1));
        AuthorizationContext b = context(Samples.binaryState(2));
        String idToken = idToken();
        contexts().save(a, idToken);
        contexts().save(b, idToken);
        assertThat(contexts().findByIdToken(idToken)).contains(b);
        assertThat(contexts().find(a.grantId())).as("the other grant keeps its context").contains(a);
    }

    @Test
    @Covers("save")
    @Covers("findByIdToken")
    void bindingAnIdTokenToAnotherGrantThatHasAContextMovesIt() {
        AuthorizationContext a = context(Samples.binaryState(1));
        AuthorizationContext b = context(Samples.binaryState(2));
        String idToken = idToken();
        contexts().save(a, idToken);
        contexts().save(b, null);
        AuthorizationContext next = context(b.grantId(), b.subject(), Samples.binaryState(3), clock.now(), b.expiresAt());
        contexts().save(next, idToken);
        assertThat(contexts().findByIdToken(idToken)).contains(next);
        assertThat(contexts().find(a.grantId())).as("the other grant keeps its context").contains(a);
        contexts().save(a, null);
        assertThat(contexts().findByIdToken(idToken)).as("a save without an ID token does not take it back")
                .contains(next);
    }

    @Test
    @Covers("find")
    @Covers("findByIdToken")
    void aContextIsExpiredAtItsExpiryInstant() {
        AuthorizationContext c = context(Samples.binaryState(1));
        String idToken = idToken();
        contexts().save(c, idToken);
        clock.set(c.expiresAt().minusMillis(1));
        assertThat(contexts().find(c.grantId())).isPresent();
        assertThat(contexts().findByIdToken(idToken)).isPresent();
        clock.set(c.expiresAt());
        assertThat(contexts().find(c.grantId())).isEmpty();
        assertThat(contexts().findByIdToken(idToken)).isEmpty();
    }

    /** A context holding {@code bytes}, bound to {@code idToken}, expired by the store clock as {@code how} says. */
    private AuthorizationContext expired(String idToken, HowExpired how) {
        if (how == HowExpired.SAVED_EXPIRED) {
            AuthorizationContext c = context(Samples.id("grant"), "sub-ctx", Samples.binaryState(1),
                    clock.now().minus(HowExpired.AGE), clock.now().minus(HowExpired.EXPIRED_FOR));
            contexts().save(c, idToken);
            return c;
        }
        AuthorizationContext c = context(Samples.binaryState(1));
        contexts().save(c, idToken);
        clock.set(c.expiresAt());
        return c;
    }

    @ParameterizedTest
    @EnumSource(HowExpired.class)
    @Covers("find")
    @Covers("findByIdToken")
    @Covers("delete")
    void anExpiredContextIsAbsentEverywhere(HowExpired how) {
        String idToken = idToken();
        AuthorizationContext c = expired(idToken, how);
        assertThat(contexts().find(c.grantId())).isEmpty();
        assertThat(contexts().findByIdToken(idToken)).isEmpty();
        assertThat(contexts().delete(c.grantId())).as("an expired context is absent").isFalse();
    }

    @ParameterizedTest
    @EnumSource(HowExpired.class)
    @Covers("save")
    @Covers("findByIdToken")
    void savingOverAnExpiredContextDoesNotReviveItsIdToken(HowExpired how) {
        String idToken = idToken();
        AuthorizationContext c = expired(idToken, how);
        AuthorizationContext fresh = context(c.grantId(), c.subject(), Samples.binaryState(2), clock.now(),
                clock.now().plusSeconds(3600));
        contexts().save(fresh, null);
        assertThat(contexts().find(c.grantId())).contains(fresh);
        assertThat(contexts().findByIdToken(idToken)).as("the binding of the expired context").isEmpty();
    }

    @Test
    @Covers("delete")
    @Covers("findByIdToken")
    void deleteIsIdempotentAndDropsTheBinding() {
        AuthorizationContext c = context(Samples.binaryState(1));
        String idToken = idToken();
        contexts().save(c, idToken);
        assertThat(contexts().delete(c.grantId())).isTrue();
        assertThat(contexts().delete(c.grantId())).isFalse();
        assertThat(contexts().find(c.grantId())).isEmpty();
        assertThat(contexts().findByIdToken(idToken)).isEmpty();
        contexts().save(c, null);
        assertThat(contexts().findByIdToken(idToken)).as("saved again without an ID token").isEmpty();
    }

    static Stream<String> badIdTokens() {
        return Stream.of("", " ", "eyJ.\n.x", "eyJ.\u0000.x", "eyJ\uDC00", "x".repeat(Limits.MAX_ID_TOKEN_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource("badIdTokens")
    @Covers("save")
    @Covers("findByIdToken")
    void aBadIdTokenIsRefusedAndChangesNothing(String bad) {
        AuthorizationContext c = context(Samples.binaryState(1));
        String idToken = idToken();
        contexts().save(c, idToken);
        AuthorizationContext next = context(c.grantId(), c.subject(), Samples.binaryState(2), clock.now(), c.expiresAt());
        assertThatThrownBy(() -> contexts().save(next, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idToken");
        assertThat(contexts().find(c.grantId())).as("nothing written").contains(c);
        assertThat(contexts().findByIdToken(idToken)).contains(c);
        assertThat(contexts().findByIdToken(bad)).isEmpty();
    }

    @Test
    @Covers("save")
    @Covers("find")
    @Covers("findByIdToken")
    @Covers("delete")
    @Covers("eraseSubject")
    void nullArgumentsRaiseAndUnstorableIdsAreAbsent() {
        assertThatThrownBy(() -> contexts().save(null, idToken())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> contexts().find(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> contexts().findByIdToken(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> contexts().delete(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> contexts().eraseSubject(null)).isInstanceOf(NullPointerException.class);
        BadId.all().forEach(bad -> {
            assertThat(contexts().find(bad.value())).as(bad.label()).isEmpty();
            assertThat(contexts().delete(bad.value())).as(bad.label()).isFalse();
            assertThat(contexts().eraseSubject(bad.value())).as(bad.label()).isZero();
        });
    }

    @Test
    @Covers("eraseSubject")
    void eraseSubjectDeletesItsContextsAndBindingsOnly() {
        String leaving = Samples.id("sub-leaving");
        AuthorizationContext mine = context(Samples.id("grant"), leaving, Samples.binaryState(1), clock.now(),
                samples.expiry());
        AuthorizationContext fading = context(Samples.id("grant"), leaving, Samples.binaryState(2), clock.now(),
                clock.now().plusSeconds(30));
        AuthorizationContext other = context(Samples.binaryState(3));
        String idToken = idToken();
        contexts().save(mine, idToken);
        contexts().save(fading, null);
        contexts().save(other, null);
        clock.advance(java.time.Duration.ofSeconds(30));
        assertThat(contexts().eraseSubject(leaving)).as("expired ones counted too").isEqualTo(2);
        assertThat(contexts().find(mine.grantId())).isEmpty();
        assertThat(contexts().findByIdToken(idToken)).isEmpty();
        assertThat(contexts().find(other.grantId())).contains(other);
        assertThat(contexts().eraseSubject(leaving)).as("a second call").isZero();
    }
}
