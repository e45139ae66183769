package io.alphaweave.platform.backtest;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.MarketView;
import io.alphaweave.platform.portfolio.BindingConstraint;
import io.alphaweave.platform.portfolio.PortfolioManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The book-independent half of a portfolio backtest, done ahead of the replay on its own thread:
 * the day-major staging of the signals and every rebalance decision (combine → allocate →
 * constrain), which depend only on the signals and the bars up to the decision day, never on the
 * book. The replay takes the blocks in day order (and gathers the prices itself, in a {@link
 * PriceStage}: that balances the two threads); a failure of a decision is handed over in its block
 * and rethrown by the replay when it reaches that day, so errors surface in the same order as in a
 * sequential run.
 */
final class DecisionFeed implements AutoCloseable {
    /** Blocks in flight: one being replayed, the others filled ahead (evens out the two threads). */
    private static final int BLOCKS = 4;

    /** Bytes one block may hold (days × symbols × the decision arrays per day), so blocks stay in cache. */
    private static final long BLOCK_BYTES = 6L << 20;

    /** A block's upper size in days: no longer than one staging of the signals. */
    private static final int MAX_BLOCK_DAYS = 64;

    /**
     * Staged signals: up to 64 days (each symbol's row read in runs of 512 bytes) and at most 12 MB,
     * so the staged rows stay in the L3 cache until the combiner reads them (measured: 256 days,
     * 37 MB at 3,000 symbols, made the day loop 10 % slower).
     */
    private static final long STAGE_BYTES = 12L << 20;

    private static final int MAX_STAGE_DAYS = 64;

    /** Days t0 … t0 + len − 1: each decision day's outcome. */
    static final class Block {
        int t0;
        int len;
        final boolean[] decides;
        final CombinerOutput[] out;
        final double[][] weights;
        final List<List<BindingConstraint>> binding = new ArrayList<>();
        /** A failure of the decision at {@code t0 + failedAt} (or of the feed itself, at −1). */
        Throwable failure;

        int failedAt = -1;

        Block(int days) {
            decides = new boolean[days];
            out = new CombinerOutput[days];
            weights = new double[days][];
            for (int i = 0; i < days; i++) {
                binding.add(new ArrayList<>());
            }
        }
    }

    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Block> ready = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread thread;
    private final MarketView data;
    private final AlphaMatrix[] alpha;
    private final List<String> ids;
    private final double[] strategyWeights;
    private final PortfolioManager manager;
    private final boolean[] decision;
    private final boolean readsConfidence;
    private final int firstDay;
    private final int blockDays;
    private volatile boolean closed;

    DecisionFeed(
            MarketView data,
            AlphaMatrix[] alpha,
            List<String> ids,
            double[] strategyWeights,
            PortfolioManager manager,
            boolean[] decision,
            boolean readsConfidence,
            int firstDay) {
        this.data = data;
        this.alpha = alpha;
        this.ids = ids;
        this.strategyWeights = strategyWeights;
        this.manager = manager;
        this.decision = decision;
        this.readsConfidence = readsConfidence;
        this.firstDay = firstDay;
        int n = data.symbolCount(), k = alpha.length;
        long perDay = (long) Math.max(1, n) * Double.BYTES * (2 + k);
        blockDays = (int) Math.max(4, Math.min(MAX_BLOCK_DAYS, BLOCK_BYTES / perDay));
        for (int b = 0; b < BLOCKS; b++) {
            free.add(new Block(blockDays));
        }
        thread = Thread.ofPlatform().name("alphaweave-decisions").daemon().start(this::produce);
    }

    /**
     * The next block in day order; waits for it.
     *
     * @throws RuntimeException or Error: a failure of the feed itself (not of a decision), rethrown
     */
    Block next() {
        Block b;
        try {
            b = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rebalance decisions", e);
        }
        if (b.failure != null && b.failedAt < 0) {
            throw rethrow(b.failure);
        }
        return b;
    }

    /** Gives a replayed block back for reuse. */
    void recycle(Block b) {
        free.add(b);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private void produce() {
        int n = data.symbolCount(), k = alpha.length, days = data.dayCount();
        // the signals of the staged days, one row per strategy and day (the combiner reads them in
        // place); staged in longer runs than a block: longer sequential reads of each symbol's row
        int rows = readsConfidence ? 2 : 1;
        long perStagedDay = (long) Math.max(1, n) * Double.BYTES * rows * Math.max(1, k);
        int stageDays = (int) Math.max(blockDays, Math.min(MAX_STAGE_DAYS, STAGE_BYTES / perStagedDay));
        double[][][] alphaT = new double[k][stageDays][n];
        // a combiner that reads no confidence gets rows of NaN: a third of the staging's traffic saved
        double[][][] confT = readsConfidence ? new double[k][stageDays][n] : null;
        double[] noConfidence = new double[readsConfidence ? 0 : n];
        Arrays.fill(noConfidence, Double.NaN);
        int staged = -1;
        double[][] inAlpha = new double[k][], inConf = new double[k][];
        try {
            for (int t0 = 0; t0 < days && !closed; t0 += blockDays) {
                Block b = free.take();
                b.t0 = t0;
                b.len = Math.min(blockDays, days - t0);
                b.failure = null;
                b.failedAt = -1;
                try {
                    for (int i = 0; i < b.len; i++) {
                        b.decides[i] = decision[t0 + i] && t0 + i >= firstDay;
                    }
                    for (int i = 0; i < b.len; i++) {
                        b.binding.get(i).clear();
                        if (!b.decides[i]) {
                            continue;
                        }
                        int t = t0 + i;
                        if (staged < 0 || t >= staged + stageDays) {
                            staged = t;
                            stageSignals(alpha, t, Math.min(stageDays, days - t), alphaT, confT);
                        }
                        for (int j = 0; j < k; j++) {
                            inAlpha[j] = alphaT[j][t - staged];
                            inConf[j] = confT == null ? noConfidence : confT[j][t - staged];
                        }
                        if (b.out[i] == null) {
                            b.out[i] = new CombinerOutput(k, n);
                            b.weights[i] = new double[n];
                        }
                        CombinerInput in =
                                new CombinerInput(data.date(t), data.symbols(), ids, strategyWeights, inAlpha, inConf);
                        try {
                            manager.rebalanceInto(data, t, in, b.out[i], b.weights[i], b.binding.get(i));
                        } catch (RuntimeException | Error e) {
                            b.failure = e;
                            b.failedAt = i;
                            b.len = i + 1;
                            ready.put(b);
                            return;
                        }
                    }
                } catch (RuntimeException | Error e) {
                    b.failure = e;
                    b.failedAt = -1;
                    ready.put(b);
                    return;
                }
                ready.put(b);
            }
        } catch (InterruptedException e) {
            // closed by the replay (it finished or failed): nothing is waiting for more blocks
        }
    }

    /** Stages the signals of days t0 … t0 + len − 1 as day rows (the confidences only if confT is not null). */
    private static void stageSignals(AlphaMatrix[] alpha, int t0, int len, double[][][] alphaT, double[][][] confT) {
        for (int j = 0; j < alpha.length; j++) {
            double[][] aT = alphaT[j];
            for (int s = 0; s < alpha[j].symbolCount(); s++) {
                double[] a = alpha[j].alpha(s);
                for (int i = 0; i < len; i++) {
                    aT[i][s] = a[t0 + i];
                }
            }
            if (confT == null) {
                continue;
            }
            double[][] cT = confT[j];
            for (int s = 0; s < alpha[j].symbolCount(); s++) {
                double[] c = alpha[j].confidence(s);
                for (int i = 0; i < len; i++) {
                    cT[i][s] = c[t0 + i];
                }
            }
        }
    }
}
