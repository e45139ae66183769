package io.alphaweave.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Companion to {@link RiskParityBenchmark} for a shared, overloaded machine: the thread's CPU time
 * per call (which the scheduler does not inflate) next to the wall time, medians over 200 warm
 * calls. Run: {@code java -cp benchmarks/target/benchmarks.jar io.alphaweave.benchmarks.RiskParityCpuTime}.
 */
public final class RiskParityCpuTime {
    private RiskParityCpuTime() {}

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String panel : new String[] {"one_factor", "independent"}) {
            RiskParityBenchmark b = new RiskParityBenchmark();
            b.panel = panel;
            b.setUp();
            for (int i = 0; i < 100; i++) {
                b.ercAllocationThroughTheHost();
            }
            int runs = 200;
            double[] cpu = new double[runs], wall = new double[runs];
            for (int i = 0; i < runs; i++) {
                long c0 = threads.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                b.ercAllocationThroughTheHost();
                cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                wall[i] = (System.nanoTime() - w0) / 1e6;
            }
            Arrays.sort(cpu);
            Arrays.sort(wall);
            System.out.printf(
                    Locale.ROOT,
                    "ercAllocationThroughTheHost %-11s median CPU %.2f ms/op, median wall %.2f ms/op%n",
                    panel,
                    cpu[runs / 2],
                    wall[runs / 2]);
        }
    }
}
