package io.alphaweave.platform.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.evaluation.ReturnMetrics;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a rules-mode backtest produced; {@code backtest --mode rules --json} is this record
 * through {@link JsonMapper}. Immutable.
 *
 * @param schemaVersion the layout version, {@value BacktestReport#SCHEMA_VERSION}
 * @param mode always {@code rules}
 * @param strategy the strategy id
 * @param params its complete parameters (defaults filled in), by name
 * @param data the data file or folder the bars came from
 * @param symbols the symbols, one cash sleeve each
 * @param start the first trading day
 * @param end the last trading day
 * @param capital starting capital
 * @param commissionBps commission per fill in basis points
 * @param slippageBps adverse price move per fill in basis points
 * @param finalValue cash plus open positions at the last close
 * @param totalReturn finalValue / capital − 1
 * @param cash cash at the end
 * @param trades closed round trips, in order
 * @param openPositions positions still open at the end, marked at their last close
 * @param dailyReturns the account's return on every trading day
 * @param equityCurve the account's value at every close
 * @param metrics the METRICS.md metrics of the daily returns, or null when there are no days
 * @param hashes the run's config, component and dataset hashes
 * @param timingsMs how long loading and running took (never part of equality checks between runs)
 */
public record RulesReport(
        int schemaVersion,
        String mode,
        String strategy,
        Map<String, Object> params,
        String data,
        List<String> symbols,
        LocalDate start,
        LocalDate end,
        double capital,
        double commissionBps,
        double slippageBps,
        double finalValue,
        double totalReturn,
        double cash,
        List<RulesBacktest.Trade> trades,
        List<RulesBacktest.OpenPosition> openPositions,
        List<DatedReturn> dailyReturns,
        List<DatedValue> equityCurve,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReturnMetrics metrics,
        RunHashes hashes,
        Timings timingsMs)
        implements RunReport {

    /** Checks nulls and copies. */
    public RulesReport {
        if (schemaVersion != BacktestReport.SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "schemaVersion must be " + BacktestReport.SCHEMA_VERSION + ", was " + schemaVersion);
        }
        if (!"rules".equals(mode)) {
            throw new IllegalArgumentException("mode must be rules, was " + mode);
        }
        Objects.requireNonNull(strategy, "strategy");
        params = Copies.ordered(params, "params");
        Objects.requireNonNull(data, "data");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        trades = List.copyOf(trades);
        openPositions = List.copyOf(openPositions);
        dailyReturns = List.copyOf(dailyReturns);
        equityCurve = List.copyOf(equityCurve);
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(timingsMs, "timingsMs");
    }

    /**
     * A day's return.
     *
     * @param date the trading day
     * @param dailyReturn the account's simple return that day (JSON {@code return})
     */
    public record DatedReturn(
            LocalDate date, @JsonProperty("return") double dailyReturn) {
        /** Checks the date. */
        public DatedReturn {
            Objects.requireNonNull(date, "date");
        }
    }

    /**
     * A day's account value.
     *
     * @param date the trading day
     * @param value the account value at the close
     */
    public record DatedValue(LocalDate date, double value) {
        /** Checks the date. */
        public DatedValue {
            Objects.requireNonNull(date, "date");
        }
    }
}
