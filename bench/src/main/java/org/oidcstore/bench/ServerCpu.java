package org.oidcstore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The database server's CPU time, from {@code /proc}. MariaDB is one process (every connection a
 * thread of it): its whole CPU time, which also serves whatever else runs on the machine.
 * PostgreSQL runs a process per connection: the backends (and autovacuum workers) of the bench
 * database only, found by their process title ({@code postgres: <user> <db> ...}), so the CPU
 * other databases' clients cause is not counted; the shared WAL writer and checkpointer are not
 * counted either (a committing backend flushes the WAL itself under {@code synchronous_commit}).
 */
final class ServerCpu {
    private final Engine engine;
    private final long pid;

    ServerCpu(Engine engine) {
        this.engine = engine;
        this.pid = engine.postgres() ? -1 : Cpu.pidOf(engine.serverProcesses());
    }

    /** CPU time so far of each process counted, ns, by pid. */
    Map<Long, Long> snapshot() {
        Map<Long, Long> m = new HashMap<>();
        if (!engine.postgres()) {
            long n = Cpu.processNanos(pid);
            if (n >= 0) {
                m.put(pid, n);
            }
            return m;
        }
        String tag = " " + engine.db() + " ";
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            s.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmd.startsWith("postgres: ") && (cmd + " ").contains(tag)) {
                        long id = Long.parseLong(p.getFileName().toString());
                        long n = Cpu.processNanos(id);
                        if (n >= 0) {
                            m.put(id, n);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return m;
        }
        return m;
    }

    /** CPU ns between two snapshots (a process born in between counts from zero); -1 when nothing was found. */
    static long between(Map<Long, Long> before, Map<Long, Long> after) {
        if (after.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }
}
