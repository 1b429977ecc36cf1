package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.tck.Samples;

/**
 * A duplicate insert is an answer to the caller ({@link DuplicateRecordException}), not something
 * for the operator: it logs nothing at WARNING or above, on any logger ({@code java.util.logging},
 * where EclipseLink's {@code JavaLogger} and {@code System.Logger} write), so real warnings are not
 * buried under stack traces.
 */
class DuplicateLoggingTest {

    /** Every record at WARNING or above logged while {@code call} runs, on any logger. */
    private static List<LogRecord> warningsDuring(ThrowingCallable call) {
        List<LogRecord> seen = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (seen) {
                        seen.add(r);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // every logger that exists (EclipseLink's session loggers may not pass records to their parents)
        List<Logger> loggers = new ArrayList<>();
        var names = LogManager.getLogManager().getLoggerNames();
        while (names.hasMoreElements()) {
            Logger l = LogManager.getLogManager().getLogger(names.nextElement());
            if (l != null) {
                loggers.add(l);
            }
        }
        loggers.forEach(l -> l.addHandler(capture));
        try {
            assertThatThrownBy(call).isInstanceOf(DuplicateRecordException.class);
        } finally {
            loggers.forEach(l -> l.removeHandler(capture));
        }
        // a record reaching several loggers' handlers is one record
        return seen.stream().distinct().toList();
    }

    private static String describe(List<LogRecord> records) {
        return records.stream().map(r -> r.getLoggerName() + " " + r.getLevel() + ": " + r.getMessage()).toList()
                .toString();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDuplicateInsertLogsNoWarning(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        OidcStore store = f.store();
        Samples samples = new Samples(f.clock());

        Client client = samples.client("client-dup");
        ((ClientRegistry) store.clients()).register(client);
        JwtAccessToken jwt = samples.jwtAccessToken("grant-dup");
        store.accessTokens().register(jwt);
        OpaqueAccessToken opaque = samples.opaqueAccessToken("grant-dup");
        store.opaqueAccessTokens().save(opaque);
        PushedAuthorizationRequest par = samples.par("client-dup");
        store.pushedAuthorizationRequests().save(par);
        DeviceAuthorization device = samples.deviceAuthorization("client-dup");
        store.deviceAuthorizations().save(device);
        CibaRequest ciba = samples.cibaRequest(CibaMode.PING);
        store.cibaRequests().save(ciba);

        Map<String, ThrowingCallable> duplicates = new LinkedHashMap<>();
        duplicates.put("clients.register", () -> ((ClientRegistry) store.clients()).register(client));
        duplicates.put("access-tokens.register", () -> store.accessTokens().register(jwt));
        duplicates.put("opaque-access-tokens.save", () -> store.opaqueAccessTokens().save(opaque));
        duplicates.put("pushed-authorization-requests.save", () -> store.pushedAuthorizationRequests().save(par));
        duplicates.put("device-authorizations.save (device code)", () -> store.deviceAuthorizations().save(device));
        duplicates.put("device-authorizations.save (user code)", () -> store.deviceAuthorizations().save(
                samples.deviceAuthorization("client-dup", device.userCode())));
        duplicates.put("ciba-requests.save", () -> store.cibaRequests().save(ciba));
        duplicates.put("authorization-codes.save", () -> store.authorizationCodes().save(saved(store, samples)));
        Map<String, String> logged = new LinkedHashMap<>();
        duplicates.forEach((operation, call) -> {
            List<LogRecord> warnings = warningsDuring(call);
            if (!warnings.isEmpty()) {
                logged.put(operation, describe(warnings));
            }
        });
        assertThat(logged).as("warnings logged by duplicate inserts").isEmpty();
    }

    private static org.oidcstore.store.AuthorizationCode saved(OidcStore store, Samples samples) {
        var code = samples.code();
        store.authorizationCodes().save(code);
        return code;
    }
}
