package org.oidcstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;

/**
 * MariaDB's CPU per durable flow of our JPA store with the text protocol (the driver's default,
 * {@code useServerPrepStmts=false}: the server parses every statement) and with server-side
 * prepared statements (what the store's own pool turns on): one connection, one thread, the
 * server thread of that connection only ({@link ServerCpu}), the two variants alternating round by
 * round. A CPU comparison, not a throughput one, so that the noise of a shared machine's
 * scheduling does not enter it; MariaDB's 10 ms ticks are why a round runs many flows.
 */
final class PrepareAb {
    static final String CASE = "mariadb-prepare-ab";

    private PrepareAb() {
    }

    static void run() {
        Summary.reset(CASE);
        Engine engine = Engine.MARIADB;
        Db.use(engine);
        Db.recreate();
        ServerCpu server = new ServerCpu(engine);
        String sep = engine.url().contains("?") ? "&" : "?";
        String[] names = {"text protocol", "server-side prepared"};
        String[] urls = {engine.url() + sep + "useServerPrepStmts=false", engine.url()};
        long flows = Bench.size(600, 40);
        int rounds = Bench.rounds(8, 2);
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        try (JpaStore migrated = Db.openJpa()) {
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int v = (k + r) % 2;
                    JpaSettings s = JpaSettings.forUrl(urls[v], engine.user(), engine.password()).withPoolSize(1)
                            .withGcInterval(java.time.Duration.ZERO);
                    try (JpaStore jpa = JpaStores.open(s)) {
                        OursFlow f = new OursFlow("ours", jpa);
                        Load.count(1, 20, 3, f::run);
                        Map<Long, Long> before = server.snapshot();
                        Load.count(1, flows, 3, f::run);
                        long ns = server.between(before, server.snapshot());
                        cpu.get(v).add(ns / 1e6 / flows);
                        Bench.log("  %-22s %.3f ms MariaDB CPU per flow", names[v], ns / 1e6 / flows);
                    }
                }
            }
        }
        Md md = new Md();
        md.h(3, "MariaDB CPU per flow: text protocol vs server-side prepared statements (our JPA store)");
        md.p(Md.f("One connection, one thread, %d flows per round, %d rounds per variant, alternating; the CPU of"
                + " that connection's server thread (`/proc`, 10 ms ticks). Median [min–max] over rounds.",
                flows, rounds));
        Md.Table t = md.table("variant", "MariaDB CPU ms/flow");
        for (int v = 0; v < 2; v++) {
            Stats st = Stats.of(cpu.get(v));
            t.row(names[v], Md.f("%.3f [%.3f–%.3f]", st.median(), st.min(), st.max()));
        }
        t.end();
        double ratio = Stats.of(cpu.get(1)).median() / Stats.of(cpu.get(0)).median();
        Summary.row(CASE, "MariaDB CPU per flow, server-side prepared / text protocol", "< 1.0x",
                Md.f("%.2fx", ratio), Summary.atMost(ratio, 1.0));
        md.write(Bench.OUT.resolve(CASE + ".md"));
        if (!Boolean.getBoolean("bench.keep-db")) {
            Db.drop();
        }
    }
}
