package org.oidcstore.store.composite.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Test double of a volatile engine's safety check (what the Redis bundle registers): a
 * {@code kv://} URI is plaintext and needs the dev-mode flag, which is then an acknowledged risk;
 * a URI of another scheme is a configuration problem (test id OIDCS-9902, outside every real range).
 */
public final class PlainKvSafetyCheck implements ConfigSafetyCheck {
    static final String URI = "test.plainkv.uri";
    static final String DEV = "test.plainkv.dev-mode-allow-plaintext";

    @Override
    public String backend() {
        return "plainkv";
    }

    @Override
    public List<String> unsafeSettings(Function<String, Optional<String>> config) {
        List<String> out = new ArrayList<>();
        boolean dev = config.apply(DEV).map(Boolean::parseBoolean).orElse(false);
        if (!dev && config.apply(URI).filter(u -> u.startsWith("kv://")).isPresent()) {
            out.add(URI + " uses kv:// (plaintext); use kvs:// or set " + DEV + "=true on a development machine.");
        }
        return out;
    }

    @Override
    public List<String> acknowledgedRisks(Function<String, Optional<String>> config) {
        boolean dev = config.apply(DEV).map(Boolean::parseBoolean).orElse(false);
        return dev ? List.of(DEV + "=true: plaintext kv:// is accepted; never in production.") : List.of();
    }

    @Override
    public List<String> problems(Function<String, Optional<String>> config) {
        Optional<String> uri = config.apply(URI);
        if (uri.isPresent() && !uri.get().startsWith("kv://") && !uri.get().startsWith("kvs://")) {
            return List.of("OIDCS-9902 " + URI + " is not a kv:// or kvs:// URI. Fix: write kvs://host:port.");
        }
        return List.of();
    }
}
