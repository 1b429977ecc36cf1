package org.oidcstore.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of the composite side by side in <b>one JVM</b>, for a machine too loaded for
 * separate runs to be compared (by hand, not in {@code run.sh}): case 2's operation directly on the
 * memory tier, through the routing + metrics composite of build A and through that of build B, in
 * short batches that alternate in a rotating order, so that the machine's noise hits all three
 * alike. Each build's composite (and a copy of the bench classes) is loaded child-first by a class
 * loader of its own; the API, the memory tier and SmallRye Metrics are shared.
 *
 * <pre>java -cp "bench/target/oidc-store-bench.jar:bench/target/lib/*" org.oidcstore.bench.CompositeAb \
 *     before/composite-bundle.jar after/composite-bundle.jar interactionCompareAndSwap 60</pre>
 *
 * <p>The operation {@code inTransaction} is the composite's routing of an empty transaction to its
 * transactional anchor (a stand-in that runs the work as it is; <i>direct</i> = the stand-in itself).
 *
 * <p>Prints per contender the median, quartiles and range over the rounds of thread CPU ns per
 * call, wall ns per call and bytes allocated per call, then the per-round differences (metered −
 * direct, and B − A) in CPU ns: differences taken within a round are what to read.
 */
public final class CompositeAb {
    /** Child-first for the bench and composite packages. */
    static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.oidcstore.bench.") || name.startsWith("org.oidcstore.store.composite.")) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        c = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(c);
                    }
                    return c;
                }
            }
            return super.loadClass(name, resolve);
        }
    }

    private record Contender(String name, Object bench, Method run) {
    }

    public static void main(String[] a) throws Exception {
        String benchJar = new File(CompositeAb.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        String beforeJar = a[0], afterJar = a[1], op = a[2];
        int rounds = Integer.parseInt(a[3]);
        int n = op.equals("parSaveAndConsume") ? 2_000 : 20_000;
        ClassLoader parent = CompositeAb.class.getClassLoader();
        List<Contender> cs = new ArrayList<>();
        String[][] spec = {{"direct", afterJar, "direct"}, {"A", beforeJar, "routing+metrics"},
            {"B", afterJar, "routing+metrics"}};
        for (String[] s : spec) {
            ClassLoader l = new ChildFirst(new URL[] {new File(benchJar).toURI().toURL(),
                new File(s[1]).toURI().toURL()}, parent);
            Class<?> jmh = l.loadClass("org.oidcstore.bench.RoutingJmh");
            Object b = jmh.getConstructor().newInstance();
            jmh.getField("path").set(b, s[2]);
            jmh.getMethod("setup").invoke(b);
            Method run = l.loadClass("org.oidcstore.bench.RoutingCpu").getDeclaredMethod("run", jmh, String.class,
                    int.class);
            run.setAccessible(true);
            cs.add(new Contender(s[0], b, run));
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long warmUntil = System.nanoTime() + 6_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (Contender c : cs) {
                c.run.invoke(null, c.bench, op, n);
            }
        }
        int k = cs.size();
        double[][] cpu = new double[k][rounds];
        double[][] wall = new double[k][rounds];
        double[][] bytes = new double[k][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < k; j++) {
                int i = (r + j) % k; // rotating order
                Contender c = cs.get(i);
                long a0 = mx.getThreadAllocatedBytes(tid);
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                c.run.invoke(null, c.bench, op, n);
                long w1 = System.nanoTime();
                long c1 = mx.getCurrentThreadCpuTime();
                long a1 = mx.getThreadAllocatedBytes(tid);
                cpu[i][r] = (c1 - c0) / (double) n;
                wall[i][r] = (w1 - w0) / (double) n;
                bytes[i][r] = (a1 - a0) / (double) n;
            }
        }
        System.out.println("op " + op + " rounds " + rounds + " batch " + n);
        for (int i = 0; i < k; i++) {
            System.out.printf("  %-7s cpu %s  wall %s  B/call %s%n", cs.get(i).name, s(cpu[i]), s(wall[i]), s(bytes[i]));
        }
        for (int i = 1; i < k; i++) {
            double[] d = new double[rounds];
            double[] dw = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                d[r] = cpu[i][r] - cpu[0][r];
                dw[r] = wall[i][r] - wall[0][r];
            }
            System.out.printf("  %-7s - direct, per round: cpu %s  wall %s%n", cs.get(i).name, s(d), s(dw));
        }
        double[] d = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            d[r] = cpu[2][r] - cpu[1][r];
        }
        System.out.printf("  B - A, per round: cpu %s%n", s(d));
    }

    /** median [25th-75th percentile] (min..max) */
    static String s(double[] v) {
        double[] x = v.clone();
        Arrays.sort(x);
        int m = x.length;
        return String.format("%.1f [%.1f-%.1f] (%.1f..%.1f)", q(x, 0.5), q(x, 0.25), q(x, 0.75), x[0], x[m - 1]);
    }

    static double q(double[] x, double p) {
        double pos = p * (x.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, x.length - 1);
        return x[lo] + (x[hi] - x[lo]) * (pos - lo);
    }
}
