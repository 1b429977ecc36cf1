package org.oidcstore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The database server's CPU time spent on the bench database's connections, from {@code /proc},
 * so that the other clients of a shared server (tests, other benchmarks) are not counted.
 * MariaDB runs a thread per connection ({@code one-thread-per-connection}): the threads whose
 * connection's current database is the bench database, by their OS thread id
 * ({@code information_schema.PROCESSLIST.TID}). PostgreSQL runs a process per connection: the
 * backends (and autovacuum workers) of the bench database, found by their process title
 * ({@code postgres: <user> <db> ...}). Neither counts the engine's shared background work (InnoDB's
 * purge and page cleaner; PostgreSQL's WAL writer and checkpointer); under the default durability
 * settings a committing connection flushes the log itself, which is counted.
 */
final class ServerCpu {
    private final Engine engine;
    private final long pid;

    ServerCpu(Engine engine) {
        this.engine = engine;
        this.pid = engine.postgres() ? -1 : Cpu.pidOf(engine.serverProcesses());
    }

    /**
     * CPU time so far of each process or thread counted, ns, by id. On MariaDB, every thread of the
     * server (the connection threads are cached and reused, so a thread that joins the bench
     * database during a round must count from its time at the round's start); {@link #between}
     * keeps the bench database's.
     */
    Map<Long, Long> snapshot() {
        Map<Long, Long> m = new HashMap<>();
        if (!engine.postgres()) {
            try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/task"))) {
                s.forEach(p -> {
                    try {
                        long tid = Long.parseLong(p.getFileName().toString());
                        long n = Cpu.processNanos(pid + "/task/" + tid);
                        if (n >= 0) {
                            m.put(tid, n);
                        }
                    } catch (RuntimeException e) {
                        // the thread ended meanwhile
                    }
                });
            } catch (IOException e) {
                return m;
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

    /**
     * CPU ns of the bench database's connections between two snapshots (a process born in between
     * counts from zero); -1 when nothing was found. On MariaDB, the threads that serve a connection
     * to the bench database now (the pools keep their connections through the rounds).
     */
    long between(Map<Long, Long> before, Map<Long, Long> after) {
        if (after.isEmpty()) {
            return -1;
        }
        java.util.Set<Long> counted = engine.postgres() ? after.keySet() : benchThreads();
        long sum = 0;
        for (Long id : counted) {
            Long a = after.get(id);
            if (a != null) {
                sum += a - before.getOrDefault(id, 0L);
            }
        }
        return counted.isEmpty() ? -1 : sum;
    }

    /** MariaDB: the OS thread ids of the connections whose database is the bench database. */
    private java.util.Set<Long> benchThreads() {
        java.util.Set<Long> tids = new java.util.HashSet<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(engine.adminUrl(), engine.adminUser(),
                engine.adminPassword());
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "SELECT TID FROM information_schema.PROCESSLIST WHERE DB = ?")) {
            ps.setString(1, engine.db());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tids.add(rs.getLong(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot list the bench database's connections", e);
        }
        return tids;
    }
}
