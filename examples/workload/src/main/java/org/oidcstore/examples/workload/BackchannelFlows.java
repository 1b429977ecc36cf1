package org.oidcstore.examples.workload;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Grant;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.RefreshToken;

/**
 * The flows where the user approves on another channel: the device grant (RFC 8628) of a few TVs
 * and two backchannel (CIBA) requests, one in poll mode and one in ping mode. Each device polls
 * too early once (answered {@code slow_down}: its interval grows by 5 s), its user types the code
 * in another spelling on the verification page and approves, the device polls again after the
 * grown interval and redeems the code (tokens issued in one durable transaction), and then
 * presents the device code again: a replay the store catches. Runs in real time, so the whole
 * thing waits once for the grown interval (about 6 s).
 */
final class BackchannelFlows {
    static final int DEVICES = 3;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final char[] USER_CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the flows counted. */
    record Result(int devicesRedeemed, int slowDowns, int deviceReplaysCaught, int cibaRedeemed,
            int notificationTokensReadBack) {
        boolean succeeded() {
            return devicesRedeemed == DEVICES && slowDowns == DEVICES && deviceReplaysCaught == DEVICES
                    && cibaRedeemed == 2 && notificationTokensReadBack == 1;
        }
    }

    private final OidcStore store;
    private final Clock clock;

    BackchannelFlows(OidcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Result run() throws InterruptedException {
        Instant now = clock.instant();
        String clientId = Workload.CLIENT_IDS.get(0);
        List<DeviceAuthorization> devices = new ArrayList<>();
        List<String> typedCodes = new ArrayList<>();
        int slowDowns = 0;
        for (int i = 0; i < DEVICES; i++) {
            String userCode = userCode();
            DeviceAuthorization d = DeviceAuthorization.pending(ProviderFlow.random("dc-"), userCode, clientId,
                    Set.of("openid", "offline_access"), Map.of(), now, now.plus(Duration.ofMinutes(10)), INTERVAL);
            store.deviceAuthorizations().save(d);
            devices.add(d);
            // The person types the code shown on the TV in lower case, without the dash.
            typedCodes.add(userCode.replace("-", "").toLowerCase(Locale.ROOT));
            expect(poll(d.deviceCode()), ApprovalState.PENDING, false);
            if (poll(d.deviceCode()).slowDown()) { // polled again at once: too early
                slowDowns++;
            }
        }
        String ping = ProviderFlow.random("cnt-");
        CibaRequest polled = CibaRequest.pending(ProviderFlow.random("arq-"), clientId, "user-1", Set.of("openid"),
                List.of(), "Pay 10 EUR to shop?", CibaMode.POLL, null, now, now.plusSeconds(120), INTERVAL);
        CibaRequest pinged = CibaRequest.pending(ProviderFlow.random("arq-"), clientId, "user-2", Set.of("openid"),
                List.of(), null, CibaMode.PING, ping, now, now.plusSeconds(120), INTERVAL);
        store.cibaRequests().save(polled);
        store.cibaRequests().save(pinged);
        expect(store.cibaRequests().poll(polled.authReqId()).orElseThrow(), ApprovalState.PENDING, false);

        // The users decide on their other device.
        for (int i = 0; i < DEVICES; i++) {
            DeviceAuthorization page = store.deviceAuthorizations().findByUserCode(typedCodes.get(i)).orElseThrow(
                    () -> new IllegalStateException("the verification page did not find a typed user code"));
            if (page.deviceCode() != null) {
                throw new IllegalStateException("the verification page was handed a device code");
            }
            store.deviceAuthorizations().approveByUserCode(typedCodes.get(i),
                    Approval.of("user-" + i, clock.instant())).orElseThrow();
        }
        store.cibaRequests().approve(polled.authReqId(), Approval.of("user-1", clock.instant())).orElseThrow();
        CibaRequest approvedPing = store.cibaRequests().approve(pinged.authReqId(),
                Approval.of("user-2", clock.instant())).orElseThrow();
        int readBack = ping.equals(approvedPing.clientNotificationToken()) ? 1 : 0; // the provider pings the client

        // Well-behaved clients wait for their (grown) interval, then poll and redeem.
        Thread.sleep(INTERVAL.plus(PollResult.SLOW_DOWN_STEP).toMillis() + 100);
        int redeemed = 0;
        int replays = 0;
        for (DeviceAuthorization d : devices) {
            expect(poll(d.deviceCode()), ApprovalState.APPROVED, false);
            DeviceAuthorization used = store.deviceAuthorizations().consume(d.deviceCode()).orElseThrow();
            issueTokens(clientId, used.approval().subject(), used.scopes());
            redeemed++;
            try {
                store.deviceAuthorizations().consume(d.deviceCode());
                throw new IllegalStateException("a device code was redeemed twice");
            } catch (AlreadyConsumedException expected) {
                replays++;
            }
        }
        int ciba = 0;
        for (CibaRequest r : List.of(polled, pinged)) {
            expect(store.cibaRequests().poll(r.authReqId()).orElseThrow(), ApprovalState.APPROVED, false);
            CibaRequest used = store.cibaRequests().consume(r.authReqId()).orElseThrow();
            issueTokens(clientId, used.approval().subject(), used.scopes());
            ciba++;
        }
        return new Result(redeemed, slowDowns, replays, ciba, readBack);
    }

    private PollResult poll(String deviceCode) {
        return store.deviceAuthorizations().poll(deviceCode).orElseThrow(
                () -> new IllegalStateException("a live device code was not found"));
    }

    private static void expect(PollResult poll, ApprovalState state, boolean slowDown) {
        if (poll.state() != state || poll.slowDown() != slowDown) {
            throw new IllegalStateException("poll answered " + poll + ", expected " + state
                    + (slowDown ? " with slow_down" : ""));
        }
    }

    /** The token response of a redeemed request: a grant and a refresh token, in one transaction. */
    private void issueTokens(String clientId, String subject, Set<String> scopes) {
        Instant now = clock.instant();
        store.inTransaction(() -> {
            Grant grant = store.grants().findActive(subject, clientId).orElseGet(() -> store.grants().save(
                    Grant.builder().grantId(ProviderFlow.random("grant-")).subject(subject).clientId(clientId)
                            .scopes(scopes).createdAt(now).expiresAt(now.plus(Duration.ofDays(365))).build()));
            store.refreshTokens().save(RefreshToken.builder().token(ProviderFlow.random("rt-")).clientId(clientId)
                    .subject(subject).grantId(grant.grantId()).scopes(scopes).createdAt(now)
                    .expiresAt(now.plus(ProviderFlow.REFRESH_TTL)).build(), null);
            return null;
        });
    }

    /** Eight consonants shown as {@code XXXX-XXXX} (RFC 8628 §6.1: no vowels, no look-alikes). */
    private static String userCode() {
        StringBuilder b = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                b.append('-');
            }
            b.append(USER_CODE_LETTERS[RANDOM.nextInt(USER_CODE_LETTERS.length)]);
        }
        return b.toString();
    }
}
