package io.alphaweave.platform.backtest;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.MarketView;
import io.alphaweave.platform.portfolio.BindingConstraint;
import io.alphaweave.platform.portfolio.PortfolioManager;
import io.alphaweave.platform.portfolio.Rebalance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        // each symbol's k strategy shares side by side ([s · k + j]): one stream per symbol, not k
        double[] attr = new double[n * k];
        double[] pendAttr = new double[n * k];
        boolean[] frozen = new boolean[n];
        double[][] contributions = new double[k][];

        double[] equity = new double[days], cash = new double[days], gross = new double[days];
        double[] traded = new double[days], returns = new double[days];
        double[][] contrib = new double[k][days];
        PortfolioTradeLog log = new PortfolioTradeLog(data, ids, setup.costs());
        List<BindingConstraint> binding = new ArrayList<>();
        int[] rebalanceDays = new int[days];
        int rebalances = 0;

        double money = setup.capital();
        double previousEquity = setup.capital();
        try (DecisionFeed feed = new DecisionFeed(
                data,
                alpha,
                ids,
                strategyWeights,
                manager,
                decision,
                setup.combiner().readsConfidence(),
                firstDay)) {
            DecisionFeed.Block block = null;
            PriceStage prices = new PriceStage(data);
            double[] openT = prices.open, closeT = prices.close;
            for (int t = 0; t < days; t++) {
                if (block == null || t >= block.t0 + block.len) {
                    if (block != null) {
                        feed.recycle(block);
                    }
                    block = feed.next();
                }
                int b = t - block.t0;
                int row = prices.row(t);
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
                            System.arraycopy(pendAttr, s * k, attr, s * k, k);
                            double delta = target[s] - held;
                            double afterFill;
                            if (delta != 0) {
                                double px = PortfolioTradeLog.fillPrice(o, delta, slippage);
                                double tradeValue = Math.abs(delta * px);
                                double fee = tradeValue * commission;
                                money -= delta * px + fee;
                                q[s] = target[s];
                                tradedToday += tradeValue;
                                log.add(t, pendingDecision[s], s, delta, attr, s * k);
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

                if (block.decides[b]) {
                    if (block.failedAt == b) {
                        throw DecisionFeed.rethrow(block.failure);
                    }
                    CombinerOutput combinerOut = block.out[b];
                    double[] w = block.weights[b];
                    for (int j = 0; j < k; j++) {
                        contributions[j] = combinerOut.contribution(j);
                    }
                    int bound = binding.size();
                    binding.addAll(block.binding.get(b));
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
                            shares(contributions, combined[s], s, pendAttr, s * k);
                        }
                    }
                    rebalanceDays[rebalances++] = t;
                    if (listener != null) {
                        listener.accept(new Rebalance(
                                data.date(t), combined, contributions, w, binding.subList(bound, binding.size())));
                    }
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

    private static void attribute(double[][] contrib, double[] attr, int s, int t, double pnl) {
        if (pnl == 0) {
            return;
        }
        int k = contrib.length;
        for (int j = 0; j < k; j++) {
            contrib[j][t] += attr[s * k + j] * pnl;
        }
    }

    /**
     * Each strategy's share of a symbol's position: its contribution in the direction of the combined
     * alpha over all contributions in that direction, max(0, c_k·sign(a)) / Σ max(0, c_j·sign(a)).
     * When every contribution has the combined alpha's sign this is exactly c_k / a; strategies that
     * pushed against the position get 0 instead of a negative share (which, with a small combined
     * alpha from disagreeing strategies, would make the shares explode). Where the combined alpha is
     * 0 or NaN: |c_k| / Σ|c_j|, or an equal split when nobody contributed. Strategy j's share of
     * symbol s goes to {@code out[at + j]}.
     */
    static void shares(double[][] contributions, double combined, int s, double[] out, int at) {
        int k = contributions.length;
        double sign = Double.isNaN(combined) ? 0 : Math.signum(combined);
        double total = 0;
        for (double[] row : contributions) {
            total += sign != 0 ? Math.max(0, row[s] * sign) : Math.abs(row[s]);
        }
        for (int j = 0; j < k; j++) {
            double c = contributions[j][s];
            double part = sign != 0 ? Math.max(0, c * sign) : Math.abs(c);
            out[at + j] = total > 0 ? part / total : 1.0 / k;
        }
    }
}
