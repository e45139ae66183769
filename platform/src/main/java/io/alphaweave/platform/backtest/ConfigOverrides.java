package io.alphaweave.platform.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Values given outside a config file (e.g. {@code alphaweave backtest CONFIG.yaml --start
 * 2016-06-01 --capital 1000}) that replace the config's own: the period, the capital, the costs
 * and the universe. A null component keeps the config's value; nothing else of the config can be
 * overridden. Each given value is validated here by the config's own rules, so an override can
 * never produce a config that a file could not. Immutable and thread-safe.
 *
 * @param start first day of the period ({@code period.start}), or null to keep the config's
 * @param end last day of the period ({@code period.end}), or null to keep the config's
 * @param capital starting cash ({@code capital}), finite and &gt; 0, or null
 * @param commissionBps commission in basis points ({@code execution.commission_bps}), finite and ≥ 0, or null
 * @param slippageBps slippage in basis points ({@code execution.slippage_bps}), in [0, 10 000), or null
 * @param universe the symbols to trade ({@code universe}): non-empty, no blank or repeated symbol; or null
 */
public record ConfigOverrides(
        LocalDate start,
        LocalDate end,
        Double capital,
        Double commissionBps,
        Double slippageBps,
        List<String> universe) {

    /** No overrides: {@link #applyTo} returns the config unchanged. */
    public static final ConfigOverrides NONE = new ConfigOverrides(null, null, null, null, null, null);

    /**
     * One overridden config field.
     *
     * @param field the config field, e.g. {@code period.start} or {@code execution.commission_bps}
     * @param configValue the config's value (null when the config leaves it to the default: the data's
     *     first or last day, or every symbol)
     * @param value the value that replaces it
     */
    public record Change(String field, Object configValue, Object value) {
        /** Checks the field name. */
        public Change {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Validates every given value by the config's rules. */
    public ConfigOverrides {
        if (start != null && end != null && start.isAfter(end)) {
            throw new BacktestConfigException(
                    "period.start override " + start + " is after period.end override " + end);
        }
        if (capital != null && (!(capital > 0) || Double.isInfinite(capital))) {
            throw new BacktestConfigException("capital override must be a finite number > 0, was " + capital);
        }
        if (commissionBps != null && (!(commissionBps >= 0) || Double.isInfinite(commissionBps))) {
            throw new BacktestConfigException(
                    "execution.commission_bps override must be a finite number ≥ 0, was " + commissionBps);
        }
        if (slippageBps != null && !(slippageBps >= 0 && slippageBps < 10_000)) {
            throw new BacktestConfigException(
                    "execution.slippage_bps override must be in [0, 10000), was " + slippageBps);
        }
        if (universe != null) {
            List<String> symbols = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < universe.size(); i++) {
                String s = universe.get(i) == null ? "" : universe.get(i).strip();
                if (s.isEmpty()) {
                    throw new BacktestConfigException(
                            "universe override [" + i + "] is blank; list symbols such as AAPL,MSFT");
                }
                if (!seen.add(s)) {
                    throw new BacktestConfigException("universe override lists " + s + " twice: " + universe);
                }
                symbols.add(s);
            }
            if (symbols.isEmpty()) {
                throw new BacktestConfigException("universe override must list at least one symbol");
            }
            universe = List.copyOf(symbols);
        }
    }

    /** @return true when no component is given */
    public boolean isEmpty() {
        return changesFrom(null).isEmpty();
    }

    /**
     * The config with the given values replaced; everything else is kept.
     *
     * @param config the config as read from its file
     * @return the overridden config (the same instance when nothing is overridden)
     * @throws BacktestConfigException when the result breaks a config rule, e.g. an overridden start
     *     after the config's end
     */
    public BacktestConfig applyTo(BacktestConfig config) {
        Objects.requireNonNull(config, "config");
        if (isEmpty()) {
            return config;
        }
        TradingCosts costs = config.costs();
        return new BacktestConfig(
                config.name(),
                config.dataPath(),
                config.sectorsPath(),
                universe != null ? universe : config.universe(),
                start != null ? start : config.start(),
                end != null ? end : config.end(),
                capital != null ? capital : config.capital(),
                config.strategies(),
                config.combiner(),
                config.allocator(),
                config.constraints(),
                config.rebalance(),
                new TradingCosts(
                        commissionBps != null ? commissionBps : costs.commissionBps(),
                        slippageBps != null ? slippageBps : costs.slippageBps(),
                        costs.fractional()));
    }

    /**
     * What {@link #applyTo} changes, in the order start, end, capital, commission, slippage, universe.
     *
     * @param config the config as read from its file
     * @return one change per given component (also when it equals the config's value)
     */
    public List<Change> changes(BacktestConfig config) {
        return changesFrom(Objects.requireNonNull(config, "config"));
    }

    private List<Change> changesFrom(BacktestConfig c) {
        List<Change> out = new ArrayList<>();
        if (start != null) {
            out.add(new Change("period.start", c == null ? null : c.start(), start));
        }
        if (end != null) {
            out.add(new Change("period.end", c == null ? null : c.end(), end));
        }
        if (capital != null) {
            out.add(new Change("capital", c == null ? null : c.capital(), capital));
        }
        if (commissionBps != null) {
            out.add(new Change(
                    "execution.commission_bps", c == null ? null : c.costs().commissionBps(), commissionBps));
        }
        if (slippageBps != null) {
            out.add(new Change(
                    "execution.slippage_bps", c == null ? null : c.costs().slippageBps(), slippageBps));
        }
        if (universe != null) {
            out.add(new Change("universe", c == null || c.universe().isEmpty() ? null : c.universe(), universe));
        }
        return out;
    }
}
