package org.oidcstore.examples.redisvolatile;

import org.oidcstore.examples.workload.ExampleMain;

/**
 * The hot/cold split on real engines: MariaDB under JTA for the durable tier, Redis over TLS with an
 * ACL user for the volatile tier (and sessions, under the volatile posture). Configured only
 * through MicroProfile Config: {@code src/main/resources/META-INF/microprofile-config.properties}.
 * Start it with {@code bash examples/redis-volatile/run.sh}.
 */
public final class RedisVolatile {
    private RedisVolatile() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(ExampleMain.run("MariaDB durable + Redis volatile (TLS, ACL user)", args));
    }
}
