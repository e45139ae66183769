package io.alphaweave.platform.backtest;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.MarketView;
import io.alphaweave.platform.portfolio.BindingConstraint;
import io.alphaweave.platform.portfolio.PortfolioManager;
import io.alphaweave.platform.portfolio.Rebalance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;

/** The day loop of a portfolio backtest; see {@link PortfolioBacktest} for the semantics. */
final class PortfolioEngine {
    private PortfolioEngine() {}

    static PortfolioResult run(
            MarketView data,
            PortfolioSetup setup,
            StrategySignals signals,
            int firstDay,
            Consumer<Rebalance> listener) {
        long start = System.nanoTime();
        int n = data.symbolCount(),
                days = data.dayCount(),
                k = setup.strategies().size();
        if (firstDay < 0 || firstDay >= days) {
            throw new BacktestConfigException(
                    "period holds no trading day of the data (first day index " + firstDay + " of " + days + ")");
        }
        AlphaMatrix[] alpha = new AlphaMatrix[k];
        double[] strategyWeights = new double[k];
        for (int j = 0; j < k; j++) {
            alpha[j] = signals.of(setup.strategies().get(j).id());
            strategyWeights[j] = setup.strategies().get(j).weight();
            if (alpha[j].symbolCount() != n || alpha[j].dayCount() != days) {
                throw new IllegalArgumentException("signals of "
                        + setup.strategies().get(j).id() + " do not have the data's shape " + n + " × " + days);
            }
        }
        List<String> ids = setup.strategyIds();
        PortfolioManager manager = new PortfolioManager(setup.combiner(), setup.allocator(), setup.constraints());
        boolean[] decision = setup.schedule().decisionDays(data);
        double commission = setup.costs().commissionBps() / 10_000.0;
        double slippage = setup.costs().slippageBps() / 10_000.0;
        boolean fractional = setup.costs().fractional();

        double[] q = new double[n];
        double[] mark = new double[n];
        Arrays.fill(mark, Double.NaN);
        double[] target = new double[n];
        boolean[] pending = new boolean[n];
        int[] pendingDecision = new int[n];
        double[][] attr = new double[k][n];
        double[][] pendAttr = new double[k][n];
        double[][] inAlpha = new double[k][n], inConf = new double[k][n];
        CombinerOutput combinerOut = new CombinerOutput(k, n);
        double[] w = new double[n];
        boolean[] frozen = new boolean[n];
        double[][] contributions = new double[k][];
        for (int j = 0; j < k; j++) {
            contributions[j] = combinerOut.contribution(j);
        }
        // day-major slices of BLOCK days: the loop reads every symbol of one day, the panel and the
        // signals are stored symbol-major, so each block is gathered with sequential reads once
        int block = Math.max(1, Math.min(BLOCK, days));
        double[] openT = new double[block * n], closeT = new double[block * n];
        double[][] alphaT = new double[k][block * n], confT = new double[k][block * n];
        // a second set of slices, filled with the next block on another core while this one is replayed
        double[] openN = new double[block * n], closeN = new double[block * n];
        double[][] alphaN = new double[k][block * n], confN = new double[k][block * n];
        ForkJoinTask<?> next = null;

        double[] equity = new double[days], cash = new double[days], gross = new double[days];
        double[] traded = new double[days], returns = new double[days];
        double[][] contrib = new double[k][days];
        PortfolioTradeLog log = new PortfolioTradeLog(data, ids, setup.costs());
        List<BindingConstraint> binding = new ArrayList<>();
        int[] rebalanceDays = new int[days];
        int rebalances = 0;

        double money = setup.capital();
        double previousEquity = setup.capital();
        for (int t = 0; t < days; t++) {
            int b = t % block;
            if (b == 0) {
                if (next == null) {
                    gather(data, alpha, decision, firstDay, t, Math.min(block, days - t), openT, closeT, alphaT, confT);
                } else {
                    next.join();
                    double[] o = openT, c = closeT;
                    double[][] a = alphaT, f = confT;
                    openT = openN;
                    closeT = closeN;
                    alphaT = alphaN;
                    confT = confN;
                    openN = o;
                    closeN = c;
                    alphaN = a;
                    confN = f;
                }
                int t1 = t + block;
                if (t1 < days) {
                    double[] o = openN, c = closeN;
                    double[][] a = alphaN, f = confN;
                    next = ForkJoinTask.adapt(() ->
                                    gather(data, alpha, decision, firstDay, t1, Math.min(block, days - t1), o, c, a, f))
                            .fork();
                } else {
                    next = null;
                }
            }
            int row = b * n;
            double tradedToday = 0, value = 0, grossToday = 0;
            for (int s = 0; s < n; s++) {
                double c = closeT[row + s];
                double prev = mark[s];
                double held = q[s];
                if (pending[s]) {
                    double o = openT[row + s];
                    if (!Double.isNaN(o)) {
                        pending[s] = false;
                        if (held != 0) {
                            // the overnight move belongs to the decision that set the old position
                            attribute(contrib, attr, s, t, held * (o - prev));
                        }
                        for (int j = 0; j < k; j++) {
                            attr[j][s] = pendAttr[j][s];
                        }
                        double delta = target[s] - held;
                        double afterFill;
                        if (delta != 0) {
                            double px = PortfolioTradeLog.fillPrice(o, delta, slippage);
                            double tradeValue = Math.abs(delta * px);
                            double fee = tradeValue * commission;
                            money -= delta * px + fee;
                            q[s] = target[s];
                            tradedToday += tradeValue;
                            log.add(t, pendingDecision[s], s, delta, attr, s);
                            afterFill = delta * (o - px) - fee;
                        } else {
                            afterFill = 0;
                        }
                        double m = Double.isNaN(c) ? o : c;
                        mark[s] = m;
                        attribute(contrib, attr, s, t, q[s] * (m - o) + afterFill);
                        value += q[s] * m;
                        grossToday += Math.abs(q[s] * m);
                        continue;
                    }
                }
                if (!Double.isNaN(c)) {
                    mark[s] = c;
                    if (held != 0) {
                        attribute(contrib, attr, s, t, held * (c - prev));
                    }
                }
                if (held != 0) {
                    value += held * mark[s];
                    grossToday += Math.abs(held * mark[s]);
                }
            }
            double eq = money + value;
            if (!(eq > 0)) {
                throw new BankruptBookException("equity fell to " + eq + " on " + data.date(t)
                        + "; the book is bankrupt — lower gross_leverage or the costs");
            }
            equity[t] = eq;
            cash[t] = money;
            gross[t] = grossToday;
            traded[t] = tradedToday;
            returns[t] = eq / previousEquity - 1;
            for (int j = 0; j < k; j++) {
                contrib[j][t] /= previousEquity;
            }
            previousEquity = eq;

            if (decision[t] && t >= firstDay) {
                for (int j = 0; j < k; j++) {
                    System.arraycopy(alphaT[j], row, inAlpha[j], 0, n);
                    System.arraycopy(confT[j], row, inConf[j], 0, n);
                }
                CombinerInput in =
                        new CombinerInput(data.date(t), data.symbols(), ids, strategyWeights, inAlpha, inConf);
                int bound = binding.size();
                manager.rebalanceInto(data, t, in, combinerOut, w, binding);
                freeze(data, t, row, closeT, q, target, pending, mark, eq, w, frozen, setup, binding);
                double[] combined = combinerOut.combined();
                for (int s = 0; s < n; s++) {
                    if (frozen[s]) {
                        continue;
                    }
                    double px = mark[s];
                    double tq = w[s] == 0 || Double.isNaN(px) ? 0 : w[s] * eq / px;
                    if (!fractional) {
                        tq = tq < 0 ? Math.ceil(tq) : Math.floor(tq);
                    }
                    if (tq != q[s] || q[s] != 0 || pending[s]) {
                        target[s] = tq;
                        pending[s] = true;
                        pendingDecision[s] = t;
                        shares(contributions, combined[s], s, pendAttr);
                    }
                }
                rebalanceDays[rebalances++] = t;
                if (listener != null) {
                    listener.accept(new Rebalance(
                            data.date(t), combined, contributions, w, binding.subList(bound, binding.size())));
                }
            }
        }
        return new PortfolioResult(
                data,
                setup,
                equity,
                cash,
                gross,
                traded,
                returns,
                contrib,
                log,
                Arrays.copyOf(rebalanceDays, rebalances),
                binding,
                firstDay,
                signals.computeNanos(),
                System.nanoTime() - start);
    }

    /**
     * A held symbol (or one with an unfilled order) that has no bar on the decision day cannot trade
     * before its own next bar, whenever that comes: its position — or the order still waiting — is
     * kept as it is, and the other weights are scaled down so that the book including it stays within
     * gross_leverage. Without this, the other symbols' buys fill at the next open on top of the stuck
     * position and the book runs above its gross limit until the stuck symbol trades again.
     */
    static void freeze(
            MarketView data,
            int t,
            int row,
            double[] closeT,
            double[] q,
            double[] target,
            boolean[] pending,
            double[] mark,
            double equity,
            double[] w,
            boolean[] frozen,
            PortfolioSetup setup,
            List<BindingConstraint> binding) {
        double frozenGross = 0, freeGross = 0;
        int frozenCount = 0;
        for (int s = 0; s < w.length; s++) {
            frozen[s] = Double.isNaN(closeT[row + s]) && (q[s] != 0 || pending[s]);
            if (frozen[s]) {
                double held = pending[s] ? target[s] : q[s];
                w[s] = held * mark[s] / equity;
                frozenGross += Math.abs(w[s]);
                frozenCount++;
            } else {
                freeGross += Math.abs(w[s]);
            }
        }
        double budget = Math.max(0, setup.constraints().grossLeverage() - frozenGross);
        if (frozenCount == 0 || freeGross <= budget) {
            return;
        }
        double scale = budget / freeGross;
        for (int s = 0; s < w.length; s++) {
            if (!frozen[s]) {
                w[s] *= scale;
            }
        }
        binding.add(new BindingConstraint(
                data.date(t),
                "gross_leverage",
                String.format(
                        java.util.Locale.ROOT,
                        "%d held symbol(s) without a bar on %s keep %.4f of the book until their next bar;"
                                + " the other weights were scaled from %.4f to %.4f",
                        frozenCount,
                        data.date(t),
                        frozenGross,
                        freeGross,
                        budget),
                freeGross - budget));
    }

    /** Days per day-major slice: 64 days of a symbol are one sequential read of 512 bytes. */
    static final int BLOCK = 64;

    /** Gathers days t0 … t0+len−1 into day-major slices [day − t0][symbol]; signals only if needed. */
    private static void gather(
            MarketView data,
            AlphaMatrix[] alpha,
            boolean[] decision,
            int firstDay,
            int t0,
            int len,
            double[] openT,
            double[] closeT,
            double[][] alphaT,
            double[][] confT) {
        int n = data.symbolCount();
        for (int s = 0; s < n; s++) {
            double[] o = data.open(s), c = data.close(s);
            for (int i = 0, at = s; i < len; i++, at += n) {
                openT[at] = o[t0 + i];
                closeT[at] = c[t0 + i];
            }
        }
        boolean decides = false;
        for (int i = 0; i < len && !decides; i++) {
            decides = decision[t0 + i] && t0 + i >= firstDay;
        }
        if (!decides) {
            return;
        }
        for (int j = 0; j < alpha.length; j++) {
            double[] aT = alphaT[j], cT = confT[j];
            for (int s = 0; s < n; s++) {
                double[] a = alpha[j].alpha(s), c = alpha[j].confidence(s);
                for (int i = 0, at = s; i < len; i++, at += n) {
                    aT[at] = a[t0 + i];
                    cT[at] = c[t0 + i];
                }
            }
        }
    }

    private static void attribute(double[][] contrib, double[][] attr, int s, int t, double pnl) {
        if (pnl == 0) {
            return;
        }
        for (int j = 0; j < contrib.length; j++) {
            contrib[j][t] += attr[j][s] * pnl;
        }
    }

    /**
     * Each strategy's share of a symbol's position: its contribution in the direction of the combined
     * alpha over all contributions in that direction, max(0, c_k·sign(a)) / Σ max(0, c_j·sign(a)).
     * When every contribution has the combined alpha's sign this is exactly c_k / a; strategies that
     * pushed against the position get 0 instead of a negative share (which, with a small combined
     * alpha from disagreeing strategies, would make the shares explode). Where the combined alpha is
     * 0 or NaN: |c_k| / Σ|c_j|, or an equal split when nobody contributed.
     */
    static void shares(double[][] contributions, double combined, int s, double[][] out) {
        int k = contributions.length;
        double sign = Double.isNaN(combined) ? 0 : Math.signum(combined);
        double total = 0;
        for (double[] row : contributions) {
            total += sign != 0 ? Math.max(0, row[s] * sign) : Math.abs(row[s]);
        }
        for (int j = 0; j < k; j++) {
            double c = contributions[j][s];
            double part = sign != 0 ? Math.max(0, c * sign) : Math.abs(c);
            out[j][s] = total > 0 ? part / total : 1.0 / k;
        }
    }
}
