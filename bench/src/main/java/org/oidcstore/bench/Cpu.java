package org.oidcstore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time, to show what bounds a throughput on a 2-core machine where client and server share
 * the cores: this JVM's own CPU time, and a local server process's (read from {@code /proc}).
 */
final class Cpu {
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    private Cpu() {
    }

    /** CPU time of this JVM (every thread: load threads, GC, JIT), ns. */
    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Time this JVM's JIT compilers spent compiling so far, ms (wall time of compile tasks; -1 when unknown). */
    static long jitMillis() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** The pid of the first process named {@code comm} (e.g. mariadbd), or -1. */
    static long pidOf(String... comm) {
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            return s.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String c = Files.readString(p.resolve("comm")).trim();
                            for (String x : comm) {
                                if (c.equals(x)) {
                                    return true;
                                }
                            }
                            return false;
                        } catch (IOException e) {
                            return false;
                        }
                    }).mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** user + system CPU time of process {@code pid} from {@code /proc/<pid>/stat}, ns; -1 if unknown. */
    static long processNanos(long pid) {
        if (pid < 0) {
            return -1;
        }
        return processNanos(Long.toString(pid));
    }

    /** As {@link #processNanos(long)} for {@code /proc/<path>/stat}, e.g. {@code <pid>/task/<tid>} (a thread). */
    static long processNanos(String path) {
        try {
            String stat = Files.readString(Path.of("/proc/" + path + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is f[0]; utime and stime are fields 14 and 15 of the line
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
