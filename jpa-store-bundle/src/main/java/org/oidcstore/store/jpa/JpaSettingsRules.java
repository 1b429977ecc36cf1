package org.oidcstore.store.jpa;

import static org.oidcstore.store.jpa.JpaSettings.*;
import static org.oidcstore.store.jpa.internal.JpaMessages.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.jpa.internal.boot.ConfigValues;
import org.oidcstore.store.jpa.internal.boot.RequiredClasses;
import org.oidcstore.store.spi.StoreSettings;

/**
 * How {@link JpaSettings} are read from a configuration and judged: every problem at once, one
 * line each starting with its message id, no value of a password or pepper quoted. Kept apart
 * from the settings' shape so that each file stays one job.
 */
final class JpaSettingsRules {
    private JpaSettingsRules() {
    }

    /**
     * The settings' problems, then (when the URL is usable) the classes the mode needs that
     * {@code loaders} cannot load.
     */
    static List<String> problems(Function<String, Optional<String>> config, ClassLoader... loaders) {
        List<String> problems = new ArrayList<>();
        JpaSettings s = parse(config, problems);
        List<String> own = s.problems();
        problems.addAll(own);
        if (own.stream().noneMatch(p -> p.startsWith(NO_DATABASE) || p.startsWith(BOTH_DATABASES)
                || p.startsWith(UNSUPPORTED_URL))) {
            problems.addAll(RequiredClasses.missing(s.url(), s.containerManaged(), s.migrate(), loaders));
        }
        return problems.stream().distinct().toList();
    }

    /** Reads every key; an unparsable value adds its problem and keeps the default. */
    static JpaSettings parse(Function<String, Optional<String>> config, List<String> problems) {
        int poolSize = ConfigValues.parseInt(config, KEY_POOL_SIZE, DEFAULT_POOL_SIZE, BAD_POOL_SIZE, problems);
        Duration acquisition = ConfigValues.parseDuration(config, KEY_ACQUISITION_TIMEOUT,
                DEFAULT_ACQUISITION_TIMEOUT, BAD_ACQUISITION_TIMEOUT, problems);
        boolean migrate = ConfigValues.parseBoolean(config, KEY_MIGRATE, DEFAULT_MIGRATE, BAD_MIGRATE, problems);
        int batch = ConfigValues.parseInt(config, KEY_GC_BATCH_SIZE, DEFAULT_GC_BATCH_SIZE, BAD_GC_BATCH_SIZE,
                problems);
        Duration interval = ConfigValues.parseDuration(config, KEY_GC_INTERVAL, DEFAULT_GC_INTERVAL, BAD_GC_INTERVAL,
                problems);
        // the shared keys through their one reader; a bad value is reported and the default kept
        List<String> shared = StoreSettings.problems(config);
        problems.addAll(shared);
        Duration skew = shared.isEmpty() ? StoreSettings.read(config).jwtIdClockSkew()
                : StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;
        Function<String, String> text = key -> ConfigValues.string(config, key);
        return new JpaSettings(text.apply(KEY_DATASOURCE), text.apply(KEY_URL), text.apply(KEY_USER),
                text.apply(KEY_PASSWORD), poolSize, acquisition, migrate, text.apply(KEY_TARGET_SERVER), batch,
                interval, text.apply(KEY_SECRET_PEPPER), skew, StoreSettings.unpepperedAcknowledged(config));
    }

    /** Every problem of {@code s}, each line starting with its message id; empty when valid. */
    static List<String> problems(JpaSettings s) {
        List<String> p = new ArrayList<>();
        boolean hasDs = ConfigValues.present(s.dataSource());
        boolean hasUrl = ConfigValues.present(s.url());
        if (!hasDs && !hasUrl) {
            p.add(NO_DATABASE + " no database configured: set " + KEY_DATASOURCE + " (JNDI name of the server's JTA"
                    + " data source) in a container, or " + KEY_URL + " (JDBC URL) in Java SE");
        }
        if (hasDs && hasUrl) {
            p.add(BOTH_DATABASES + " both " + KEY_DATASOURCE + " and " + KEY_URL + " are set; set exactly one");
        }
        if (hasUrl && SUPPORTED_URL_PREFIXES.stream().noneMatch(pre -> s.url().trim().toLowerCase(Locale.ROOT)
                .startsWith(pre))) {
            p.add(UNSUPPORTED_URL + " " + KEY_URL + " is not a supported JDBC URL (scheme '"
                    + ConfigValues.scheme(s.url())
                    + "'); use one of " + SUPPORTED_URL_PREFIXES);
        }
        if (hasDs && (ConfigValues.present(s.user()) || ConfigValues.present(s.password()))) {
            p.add(CREDENTIALS_WITH_DATASOURCE + " " + KEY_USER + " / " + KEY_PASSWORD + " apply only with " + KEY_URL
                    + "; the container's data source carries its own credentials");
        }
        if (hasUrl && ConfigValues.present(s.targetServer())) {
            p.add(TARGET_SERVER_WITH_URL + " " + KEY_TARGET_SERVER + " applies only with " + KEY_DATASOURCE
                    + "; in Java SE the store runs under Narayana");
        }
        if (s.poolSize() < 1) {
            p.add(BAD_POOL_SIZE + " " + KEY_POOL_SIZE + " must be at least 1 (default " + DEFAULT_POOL_SIZE + ")");
        }
        if (s.acquisitionTimeout() == null || s.acquisitionTimeout().isNegative() || s.acquisitionTimeout().isZero()) {
            p.add(BAD_ACQUISITION_TIMEOUT + " " + KEY_ACQUISITION_TIMEOUT
                    + " must be a positive ISO-8601 duration (default "
                    + DEFAULT_ACQUISITION_TIMEOUT + ")");
        }
        if (s.gcBatchSize() < 1 || s.gcBatchSize() > MAX_GC_BATCH_SIZE) {
            p.add(BAD_GC_BATCH_SIZE + " " + KEY_GC_BATCH_SIZE + " must be between 1 and " + MAX_GC_BATCH_SIZE
                    + " (default "
                    + DEFAULT_GC_BATCH_SIZE + ")");
        }
        if (s.gcInterval() == null || s.gcInterval().isNegative()) {
            p.add(BAD_GC_INTERVAL + " " + KEY_GC_INTERVAL + " must be an ISO-8601 duration, PT0S to disable (default "
                    + DEFAULT_GC_INTERVAL + ")");
        }
        p.addAll(StoreSettings.problems(s.shared()));
        return p;
    }
}
