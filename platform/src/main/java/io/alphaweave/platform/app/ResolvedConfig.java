package io.alphaweave.platform.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The config a run actually used: every default filled in, every component's complete parameters,
 * the universe as the symbols of the data and the period as the trading days of the data. Immutable.
 *
 * @param name the run's name
 * @param data where the bars came from
 * @param universe the symbols of the run, in the data's order
 * @param period the first and last trading day, and the first warm-up bar
 * @param capital starting capital, finite and > 0
 * @param strategies the strategies with their weights and complete parameters
 * @param combiner the signal combiner with its complete parameters
 * @param allocator the capital allocator with its complete parameters
 * @param constraints the book's constraints
 * @param rebalance the schedule id ({@code daily}, {@code weekly}, {@code monthly})
 * @param execution fills and costs
 * @param mode {@code portfolio} (the rules mode has its own report)
 */
public record ResolvedConfig(
        String name,
        DataSource data,
        List<String> universe,
        Period period,
        double capital,
        List<StrategyEntry> strategies,
        ComponentEntry combiner,
        ComponentEntry allocator,
        ConstraintSettings constraints,
        String rebalance,
        Execution execution,
        String mode) {

    /** Checks nulls and copies the lists. */
    public ResolvedConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        universe = List.copyOf(universe);
        Objects.requireNonNull(period, "period");
        if (!(capital > 0) || Double.isInfinite(capital)) {
            throw new IllegalArgumentException("capital must be a finite number > 0, was " + capital);
        }
        strategies = List.copyOf(strategies);
        Objects.requireNonNull(combiner, "combiner");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(rebalance, "rebalance");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * Where the bars came from.
     *
     * @param path the data file or folder as the config resolved it
     * @param sectors the sector file, or null when none
     * @param dataset the catalog name when the config named a dataset, else null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataSource(String path, String sectors, String dataset) {
        /** Checks the path. */
        public DataSource {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * The period of a run.
     *
     * @param start the first trading day of the period
     * @param warmUpFrom the first bar the strategies saw (warm-up), ≤ start
     * @param end the last trading day
     */
    public record Period(LocalDate start, LocalDate warmUpFrom, LocalDate end) {
        /** Checks the order. */
        public Period {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(warmUpFrom, "warmUpFrom");
            Objects.requireNonNull(end, "end");
            if (warmUpFrom.isAfter(start) || start.isAfter(end)) {
                throw new IllegalArgumentException("period must satisfy warm_up_from ≤ start ≤ end, was " + warmUpFrom
                        + ", " + start + ", " + end);
            }
        }
    }

    /**
     * A strategy of the run.
     *
     * @param id registry id
     * @param weight the config's weight, finite and ≥ 0
     * @param params complete parameters (defaults filled in), in the component's order
     */
    public record StrategyEntry(String id, double weight, Map<String, Object> params) {
        /** Checks and copies. */
        public StrategyEntry {
            Objects.requireNonNull(id, "id");
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + id + " must be a finite number ≥ 0, was " + weight);
            }
            params = Copies.ordered(params, "params");
        }
    }

    /**
     * A combiner or allocator of the run.
     *
     * @param id registry id
     * @param params complete parameters (defaults filled in)
     */
    public record ComponentEntry(String id, Map<String, Object> params) {
        /** Checks and copies. */
        public ComponentEntry {
            Objects.requireNonNull(id, "id");
            params = Copies.ordered(params, "params");
        }
    }

    /**
     * The book's constraints.
     *
     * @param maxPosition largest |weight| of one symbol, +∞ (JSON null) when unlimited; NaN is read as +∞
     * @param maxSector largest Σ|weight| of one sector, +∞ (JSON null) when unlimited; NaN is read as +∞
     * @param minPositions fewest names held, ≥ 0
     * @param longOnly whether short weights are removed
     * @param grossLeverage Σ|weight| cap
     * @param onInfeasible what happens when the constraints cannot all hold ({@code cash}, ...)
     */
    public record ConstraintSettings(
            double maxPosition,
            double maxSector,
            int minPositions,
            boolean longOnly,
            double grossLeverage,
            String onInfeasible) {
        /** Checks the counts; an unlimited cap is +∞ however it came (JSON null reads as NaN). */
        public ConstraintSettings {
            maxPosition = Double.isNaN(maxPosition) ? Double.POSITIVE_INFINITY : maxPosition;
            maxSector = Double.isNaN(maxSector) ? Double.POSITIVE_INFINITY : maxSector;
            if (minPositions < 0) {
                throw new IllegalArgumentException("minPositions must be ≥ 0, was " + minPositions);
            }
            Objects.requireNonNull(onInfeasible, "onInfeasible");
        }
    }

    /**
     * Fills and costs.
     *
     * @param fill the fill rule ({@code next_open})
     * @param commissionBps commission per fill in basis points, ≥ 0
     * @param slippageBps adverse price move per fill in basis points, ≥ 0
     * @param fractional whether fractional shares are allowed
     */
    public record Execution(String fill, double commissionBps, double slippageBps, boolean fractional) {
        /** Checks the costs. */
        public Execution {
            Objects.requireNonNull(fill, "fill");
            if (!(commissionBps >= 0) || !(slippageBps >= 0)) {
                throw new IllegalArgumentException(
                        "commission and slippage must be ≥ 0 bps, were " + commissionBps + ", " + slippageBps);
            }
        }
    }
}
