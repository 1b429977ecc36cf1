package org.oidcstore.it.weld.broken;

import java.util.LinkedHashMap;
import java.util.Map;
import org.oidcstore.it.weld.support.Services;

/**
 * The configuration of the broken deployments: a valid base (JPA on MariaDB, Redis over TLS +
 * ACL, a pepper) with one scenario's keys on top. A value of {@code null} removes a key. Nothing
 * here is ever connected to: the composite judges deployments from bean metadata and
 * configuration only, so these tests need no running service.
 */
final class BrokenConfig {
    private BrokenConfig() {
    }

    static Map<String, String> with(String... keyValues) {
        Map<String, String> c = new LinkedHashMap<>(Services.tckConfig());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                c.remove(keyValues[i]);
            } else {
                c.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return c;
    }
}
