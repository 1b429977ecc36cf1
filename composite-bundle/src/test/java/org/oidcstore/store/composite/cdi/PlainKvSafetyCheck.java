package org.oidcstore.store.composite.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Test double of a volatile engine's safety check (what the Redis bundle registers): a
 * {@code kv://} URI is plaintext and needs the dev-mode flag.
 */
public final class PlainKvSafetyCheck implements ConfigSafetyCheck {
    @Override
    public String backend() {
        return "plainkv";
    }

    @Override
    public List<String> unsafeSettings(Function<String, Optional<String>> config) {
        List<String> out = new ArrayList<>();
        boolean dev = config.apply("test.plainkv.dev-mode-allow-plaintext").map(Boolean::parseBoolean).orElse(false);
        if (!dev && config.apply("test.plainkv.uri").filter(u -> u.startsWith("kv://")).isPresent()) {
            out.add("test.plainkv.uri uses kv:// (plaintext); use kvs:// or set"
                    + " test.plainkv.dev-mode-allow-plaintext=true on a development machine.");
        }
        return out;
    }
}
