package io.alphaweave.platform.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a portfolio: round trips and trade metrics from its fills, turnover from traded value
 * and gross book, and each strategy's contribution to the portfolio's return. Stateless and
 * thread-safe; every method is a pure function of its arguments. Daily-return metrics come from
 * {@link StrategyEvaluator#metrics}.
 */
public final class PortfolioEvaluator {
    private PortfolioEvaluator() {}

    /**
     * The closed round trips of a fill log (see {@link RoundTrip} for the matching rule).
     *
     * @param fills fills in chronological order (any interleaving of symbols)
     * @return closed round trips, in the order they closed
     */
    public static List<RoundTrip> roundTrips(List<Fill> fills) {
        RoundTripBuilder b = new RoundTripBuilder();
        fills.forEach(b::add);
        return b.closed();
    }

    /**
     * Trade metrics over the closed round trips of a fill log.
     *
     * @param fills fills in chronological order
     * @return the metrics; positions still open at the end are counted, not evaluated
     */
    public static TradeMetrics tradeMetrics(List<Fill> fills) {
        RoundTripBuilder b = new RoundTripBuilder();
        fills.forEach(b::add);
        return RoundTripBuilder.metrics(b.closed(), b.openPositions());
    }

    /**
     * Daily turnover: traded value / mean(gross book of the previous and the current day).
     *
     * @param tradedValue Σ|quantity × price| traded per day
     * @param grossBook Σ|position value| at each day's close
     * @return per-day turnover (0 where nothing was traded)
     */
    public static double[] dailyTurnover(double[] tradedValue, double[] grossBook) {
        if (tradedValue.length != grossBook.length) {
            throw new IllegalArgumentException("tradedValue and grossBook must have the same length, were "
                    + tradedValue.length + " and " + grossBook.length);
        }
        double[] out = new double[tradedValue.length];
        double previous = 0;
        for (int d = 0; d < out.length; d++) {
            double denom = (previous + grossBook[d]) / 2;
            out[d] = tradedValue[d] == 0 ? 0 : tradedValue[d] / denom;
            previous = grossBook[d];
        }
        return out;
    }

    /**
     * Turnover summary: daily mean and annualised (× 252).
     *
     * @param tradedValue traded value per day
     * @param grossBook gross book value per day
     * @return the summary
     */
    public static TurnoverMetrics turnover(double[] tradedValue, double[] grossBook) {
        double[] daily = dailyTurnover(tradedValue, grossBook);
        double mean = daily.length == 0 ? Double.NaN : ReturnStatistics.mean(daily);
        return new TurnoverMetrics(mean, mean * ReturnMetrics.ANNUALISATION, daily.length);
    }

    /**
     * Each strategy's contribution to the portfolio's return.
     *
     * @param strategyIds the strategies, row order of {@code dailyContribution}
     * @param dailyContribution [strategy][day] contribution to the portfolio's daily return
     * @return one entry per strategy, in the given order
     */
    public static List<StrategyContribution> contributions(List<String> strategyIds, double[][] dailyContribution) {
        Objects.requireNonNull(strategyIds, "strategyIds");
        if (dailyContribution.length != strategyIds.size()) {
            throw new IllegalArgumentException("dailyContribution must have one row per strategy (" + strategyIds.size()
                    + "), had " + dailyContribution.length);
        }
        double[] sums = new double[strategyIds.size()];
        double total = 0;
        for (int k = 0; k < sums.length; k++) {
            for (double x : dailyContribution[k]) {
                sums[k] += x;
            }
            total += sums[k];
        }
        List<StrategyContribution> out = new ArrayList<>();
        for (int k = 0; k < sums.length; k++) {
            out.add(new StrategyContribution(strategyIds.get(k), sums[k], total == 0 ? Double.NaN : sums[k] / total));
        }
        return out;
    }

    /**
     * The full report of a portfolio run, with the defaults of {@link StrategyEvaluator#evaluate}.
     *
     * @param returns daily returns
     * @param fills fills in chronological order
     * @param tradedValue traded value per day (same length as the returns)
     * @param grossBook gross book value per day
     * @param strategyIds strategy ids, row order of {@code dailyContribution}
     * @param dailyContribution [strategy][day] contributions to the daily return
     * @param bootstrapResamples resamples for the Sharpe CI (e.g. {@link StrategyEvaluator#DEFAULT_RESAMPLES})
     * @return the report
     */
    public static PortfolioReport evaluate(
            ReturnSeries returns,
            List<Fill> fills,
            double[] tradedValue,
            double[] grossBook,
            List<String> strategyIds,
            double[][] dailyContribution,
            int bootstrapResamples) {
        return new PortfolioReport(
                StrategyEvaluator.metrics(returns),
                tradeMetrics(fills),
                turnover(tradedValue, grossBook),
                contributions(strategyIds, dailyContribution),
                StrategyEvaluator.probabilisticSharpe(returns, 0.0),
                returns.size() < 2
                        ? null
                        : StrategyEvaluator.bootstrapSharpe(
                                returns, bootstrapResamples, 0.95, 1, StrategyEvaluator.DEFAULT_SEED));
    }
}
