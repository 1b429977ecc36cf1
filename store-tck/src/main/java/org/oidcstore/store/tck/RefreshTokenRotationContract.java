package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;

/** Contract of {@link RefreshTokenStore}: rotation chains, chain and grant revocation, and their races. */
@ContractFor(RefreshTokenStore.class)
public abstract class RefreshTokenRotationContract extends StoreContract {

    private RefreshTokenStore tokens() {
        return store.refreshTokens();
    }

    private RefreshToken successor(RefreshToken parent) {
        return parent.successor(Samples.secret("rt"), null, clock.now(), clock.now().plus(Duration.ofDays(1)));
    }

    /** What a provider does on a refresh request: consume the presented token, save its successor. */
    private RefreshToken rotate(RefreshToken parent) {
        return inTransactionIfAny(() -> {
            RefreshToken used = tokens().consume(parent.token()).orElseThrow();
            RefreshToken next = successor(used);
            tokens().save(next, parent.token());
            return next;
        });
    }

    @Test
    @Covers("save")
    void aRotatedTokenIsStoredAndRedeemable() {
        RefreshToken root = samples.refreshToken();
        tokens().save(root, null);
        clock.advance(Duration.ofMinutes(1));
        RefreshToken child = rotate(root);
        assertThat(tokens().find(child.token())).contains(child);
        assertThat(tokens().find(root.token()).orElseThrow().isConsumed()).isTrue();
        assertThat(tokens().consume(child.token())).contains(child.withConsumedAt(clock.now()));
    }

    /** A stored root, consumed as a refresh request consumes it before saving the successor. */
    private RefreshToken consumedRoot() {
        RefreshToken root = samples.refreshToken();
        tokens().save(root, null);
        return tokens().consume(root.token()).orElseThrow();
    }

    @Test
    @Covers("save")
    void savingTheChildOfARevokedParentFailsAndTheChildIsNotRedeemable() {
        RefreshToken root = consumedRoot();
        tokens().revokeChain(root.token());
        RefreshToken child = successor(root);
        assertThatThrownBy(() -> tokens().save(child, root.token()))
                .isInstanceOfSatisfying(AlreadyConsumedException.class,
                        e -> assertThat(e.record(RefreshToken.class).orElseThrow().revoked()).isTrue());
        assertThat(tokens().find(child.token())).isEmpty();
        assertThat(tokens().consume(child.token())).isEmpty();
    }

    @Test
    @Covers("save")
    void aSuccessorOfAParentThatWasNotConsumedIsRefusedAndNothingIsWritten() {
        RefreshToken root = samples.refreshToken();
        tokens().save(root, null);
        RefreshToken child = successor(root);
        assertThatThrownBy(() -> tokens().save(child, root.token())).isInstanceOfSatisfying(
                IllegalArgumentException.class, e -> Evidence.assertNoLeak(e, root.token(), child.token()));
        assertThat(tokens().find(child.token())).isEmpty();
        assertThat(tokens().find(root.token())).as("the parent is untouched").contains(root);
    }

    /** A chain never forks: a second successor of one parent is a replay of the parent. */
    @Test
    @Covers("save")
    void aSecondSuccessorOfOneParentIsRefusedWithTheParentRecordAndNothingIsWritten() {
        RefreshToken root = consumedRoot();
        RefreshToken first = successor(root);
        tokens().save(first, root.token());
        RefreshToken second = successor(root);
        assertThatThrownBy(() -> tokens().save(second, root.token()))
                .isInstanceOfSatisfying(AlreadyConsumedException.class, e -> {
                    assertThat(e.record(RefreshToken.class)).as("the parent record").contains(root);
                    Evidence.assertNoLeak(e, root.token(), second.token());
                });
        assertThat(tokens().find(second.token())).isEmpty();
        assertThat(tokens().find(first.token())).contains(first);
    }

    @Test
    @Covers(value = "save", race = true)
    void concurrentSavesOfDifferentSuccessorsOfOneConsumedParentHaveExactlyOneWinner() {
        List<RefreshToken> candidates = new ArrayList<>();
        Race.<RefreshToken>rounds(round -> {
            RefreshToken parent = consumedRoot();
            candidates.clear();
            for (int i = 0; i < Race.THREADS; i++) {
                candidates.add(successor(parent));
            }
            return i -> () -> {
                tokens().save(candidates.get(i), parent.token());
                return candidates.get(i);
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            RefreshToken winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
            for (RefreshToken c : candidates) {
                assertThat(tokens().find(c.token())).as("round %d: only the winner's successor is stored", round)
                        .isEqualTo(c == winner ? java.util.Optional.of(winner) : java.util.Optional.empty());
            }
        });
    }

    @Test
    @Covers("save")
    void aRotationMayNarrowScopesButNeverWidenThem() {
        RefreshToken root = consumedRoot();
        RefreshToken wider = root.successor(Samples.secret("rt"), Set.of("openid", "admin"), clock.now(),
                clock.now().plusSeconds(60));
        assertThatThrownBy(() -> tokens().save(wider, root.token())).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens().find(wider.token())).isEmpty();

        RefreshToken narrower = root.successor(Samples.secret("rt"), Set.of("openid"), clock.now(),
                clock.now().plusSeconds(60));
        tokens().save(narrower, root.token());
        assertThat(tokens().find(narrower.token())).contains(narrower);
    }

    @Test
    @Covers("save")
    void aRotationKeepsClientAndGrantAndNeedsAKnownParent() {
        RefreshToken root = consumedRoot();
        RefreshToken otherGrant = successor(root).toBuilder().grantId("another-grant").build();
        RefreshToken otherClient = successor(root).toBuilder().clientId("another-client").build();
        RefreshToken orphan = successor(root);
        assertThatThrownBy(() -> tokens().save(otherGrant, root.token())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens().save(otherClient, root.token())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens().save(orphan, Samples.secret("rt"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens().find(otherGrant.token())).isEmpty();
        assertThat(tokens().find(otherClient.token())).isEmpty();
        assertThat(tokens().find(orphan.token())).isEmpty();
        RefreshToken child = successor(root);
        tokens().save(child, root.token());
        assertThat(tokens().find(child.token())).as("the refusals did not use up the parent").contains(child);
    }

    @Test
    @Covers("revokeChain")
    void revokingAChainFromAnyMemberRevokesRootAndEveryDescendantOnly() {
        RefreshToken root = samples.refreshToken("grant-1");
        tokens().save(root, null);
        RefreshToken c1 = rotate(root);
        RefreshToken c2 = rotate(c1);
        RefreshToken otherChain = samples.refreshToken("grant-1");
        tokens().save(otherChain, null);

        assertThat(tokens().revokeChain(c1.token())).isEqualTo(3);
        for (RefreshToken t : List.of(root, c1, c2)) {
            assertThat(tokens().find(t.token()).orElseThrow().revoked()).as("chain member revoked").isTrue();
        }
        assertThat(tokens().find(otherChain.token()).orElseThrow().revoked()).isFalse();
        assertThat(tokens().revokeChain(root.token())).as("idempotent").isZero();
        assertThat(tokens().revokeChain(Samples.secret("rt"))).as("unknown token").isZero();
    }

    @Test
    @Covers("revokeChain")
    void revokingAChainReachesLiveDescendantsOfAnExpiredRoot() {
        RefreshToken root = samples.refreshToken().toBuilder().expiresAt(clock.now().plusSeconds(30)).build();
        tokens().save(root, null);
        RefreshToken child = rotate(root);
        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens().find(root.token())).isEmpty();
        assertThat(tokens().revokeChain(root.token())).isEqualTo(2);
        assertThat(tokens().find(child.token()).orElseThrow().revoked()).isTrue();
    }

    @Test
    @Covers("revokeByGrant")
    void revokingAGrantRevokesEveryChainOfThatGrantOnly() {
        RefreshToken a = samples.refreshToken("grant-x");
        RefreshToken b = samples.refreshToken("grant-x");
        RefreshToken other = samples.refreshToken("grant-y");
        tokens().save(a, null);
        tokens().save(b, null);
        tokens().save(other, null);
        RefreshToken a1 = rotate(a);

        assertThat(tokens().revokeByGrant("grant-x")).isEqualTo(3);
        for (RefreshToken t : List.of(a, a1, b)) {
            assertThat(tokens().find(t.token()).orElseThrow().revoked()).isTrue();
        }
        assertThat(tokens().find(other.token()).orElseThrow().revoked()).isFalse();
        assertThat(tokens().revokeByGrant("grant-x")).as("idempotent").isZero();
        assertThat(tokens().revokeByGrant("no-such-grant")).isZero();
    }

    @Test
    @Covers("save")
    @Covers(value = "consume", race = true)
    void concurrentRotationsOfOneTokenHaveExactlyOneWinner() {
        Race.<RefreshToken>rounds(round -> {
            RefreshToken parent = samples.refreshToken();
            tokens().save(parent, null);
            return i -> () -> rotate(parent);
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class);
            long children = outcomes.stream().filter(Race.Outcome::succeeded)
                    .filter(o -> tokens().find(o.value().token()).isPresent()).count();
            assertThat(children).as("round %d: stored successors", round).isEqualTo(1);
        });
    }

    /**
     * Rotations racing revocations: afterwards no successor may be live. A rotation either loses
     * (its parent was revoked first) or its child is revoked by the revocation that ran after it.
     */
    @Test
    @Covers(value = "save", race = true)
    @Covers(value = "revokeChain", race = true)
    @Covers(value = "revokeByGrant", race = true)
    void rotationsRacingRevocationsLeaveNoLiveSuccessor() {
        int chains = Race.THREADS / 2;
        List<RefreshToken> children = new ArrayList<>();
        Race.<RefreshToken>rounds(round -> {
            String grant = Samples.id("grant");
            List<RefreshToken> roots = new ArrayList<>();
            for (int i = 0; i < chains; i++) {
                RefreshToken r = samples.refreshToken(grant);
                tokens().save(r, null);
                roots.add(r);
            }
            children.clear();
            for (int i = 0; i < chains; i++) {
                children.add(successor(roots.get(i)));
            }
            return i -> {
                if (i < chains) {
                    RefreshToken parent = roots.get(i);
                    RefreshToken child = children.get(i);
                    return () -> inTransactionIfAny(() -> {
                        tokens().consume(parent.token()).orElseThrow();
                        tokens().save(child, parent.token());
                        return child;
                    });
                }
                RefreshToken target = roots.get(i - chains);
                return i % 2 == 0
                        ? () -> { tokens().revokeByGrant(grant); return null; }
                        : () -> { tokens().revokeChain(target.token()); return null; };
            };
        }, (round, outcomes) -> {
            for (int i = 0; i < outcomes.size(); i++) {
                Race.Outcome<RefreshToken> o = outcomes.get(i);
                if (i >= chains) {
                    assertThat(o.error()).as("round %d: revocation %d", round, i).isNull();
                } else if (!o.succeeded()) {
                    assertThat(o.error()).as("round %d: losing rotation %d", round, i)
                            .isInstanceOf(AlreadyConsumedException.class);
                }
            }
            for (RefreshToken child : children) {
                tokens().find(child.token()).ifPresent(c ->
                        assertThat(c.revoked()).as("round %d: a successor survived a revocation", round).isTrue());
            }
        });
    }
}
