package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;

/**
 * {@link RefreshRetryResponses} beyond one call: the successor and its response commit or roll
 * back together with the caller's transaction; nothing of the response or of a token is readable
 * at rest; a response sealed under a pepper is served while that pepper is listed and never once
 * it is dropped; and reclaiming the expired chain reclaims its response.
 */
@ContractFor(RefreshRetryResponses.class)
public abstract class RefreshRetryResponsesAtRestContract extends RetryResponseCases {

    @Test
    @Covers("saveWithRetryResponse")
    @Covers("findRetryResponse")
    void aRolledBackRotationLeavesNeitherSuccessorNorResponse() {
        RefreshRetryResponses grace = grace();
        Transactions tx = fixture.transactions().orElseThrow(() -> new AssertionError(
                "a store offering RefreshRetryResponses hosts the transactional cluster: it needs transactions()"));
        RefreshToken root = samples.refreshToken();
        grace.save(root, null);
        RefreshToken next = successor(root);
        byte[] sent = response(next);
        tx.rollback(() -> {
            grace.consume(root.token()).orElseThrow();
            grace.saveWithRetryResponse(next, root.token(), sent, aMinute());
            assertThat(grace.findRetryResponse(root.token())).as("inside the transaction").isPresent();
        });
        assertThat(grace.find(next.token())).as("no successor after rollback").isEmpty();
        assertThat(grace.findRetryResponse(root.token())).as("no response after rollback").isEmpty();
        assertThat(grace.find(root.token())).as("the parent is not consumed either").contains(root);

        RefreshToken again = successor(root);
        byte[] second = response(again);
        rotate(root, second, again, aMinute());
        assertThat(grace.findRetryResponse(root.token())).as("the committed rotation's response")
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(second));
    }

    @Test
    @Covers("saveWithRetryResponse")
    void neitherTheResponseNorAnyTokenIsStoredReadably() {
        RefreshToken root = samples.refreshToken();
        grace().save(root, null);
        RefreshToken next = successor(root);
        byte[] sent = response(next);
        String text = new String(sent, java.nio.charset.StandardCharsets.UTF_8);
        String accessToken = text.substring(text.indexOf("at-in-response"), text.indexOf("\",\"token_type"));
        rotate(root, sent, next, aMinute());
        List<String> persisted = fixture.persisted().dump();
        assertThat(persisted).as("what the store persisted").isNotEmpty().allSatisfy(item -> assertThat(
                String.valueOf(item)).doesNotContain(accessToken).doesNotContain(next.token())
                .doesNotContain(root.token()).doesNotContain("\"token_type\"").doesNotContain("DPoP\""));
        assertThat(grace().findRetryResponse(root.token())).hasValueSatisfying(b -> assertThat(b).isEqualTo(sent));
    }

    @Test
    @Covers("findRetryResponse")
    void aResponseIsServedWhileItsPepperIsListedAndNeverOnceItIsDropped() {
        OidcStore oldNode = fixture.reopen(TestPeppers.digest(TestPeppers.A));
        RefreshRetryResponses underA = oldNode.refreshRetryResponses().orElseThrow(
                () -> new AssertionError("a store reopened with other peppers offers the same extension"));
        grace();
        RefreshToken root = samples.refreshToken();
        underA.save(root, null);
        underA.consume(root.token()).orElseThrow();
        RefreshToken next = successor(root);
        byte[] sent = response(next);
        underA.saveWithRetryResponse(next, root.token(), sent, aMinute());

        RefreshRetryResponses rotated = fixture.reopen(TestPeppers.digest(TestPeppers.B, TestPeppers.A))
                .refreshRetryResponses().orElseThrow();
        assertThat(rotated.findRetryResponse(root.token())).as("sealed under [A], read under [B, A]")
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(sent));
        RefreshRetryResponses onlyNew = fixture.reopen(TestPeppers.digest(TestPeppers.B)).refreshRetryResponses()
                .orElseThrow();
        assertThat(onlyNew.findRetryResponse(root.token())).as("sealed under [A], read under [B]").isEmpty();

        RefreshToken parentUnderA = samples.refreshToken();
        underA.save(parentUnderA, null);
        RefreshToken nextUnderB = successor(parentUnderA);
        byte[] sealedUnderB = response(nextUnderB);
        rotated.consume(parentUnderA.token()).orElseThrow();
        rotated.saveWithRetryResponse(nextUnderB, parentUnderA.token(), sealedUnderB, aMinute());
        assertThat(rotated.findRetryResponse(parentUnderA.token())).as("a parent of [A], its response sealed under B")
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(sealedUnderB));
        assertThat(underA.findRetryResponse(parentUnderA.token())).as("a node that knows only [A] cannot open it")
                .isEmpty();
    }

    @Test
    @Covers("saveWithRetryResponse")
    void reclaimingTheExpiredChainReclaimsItsResponse() {
        List<String> empty = Evidence.snapshot(fixture);
        RefreshToken root = consumedRoot();
        RefreshToken next = successor(root);
        grace().saveWithRetryResponse(next, root.token(), response(next), next.expiresAt());
        clock.set(next.expiresAt().plus(Duration.ofSeconds(1)));
        fixture.sweepExpired();
        assertThat(Evidence.snapshot(fixture)).as("after the whole chain expired and was reclaimed").isEqualTo(empty);
    }
}
