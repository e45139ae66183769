package io.alphaweave.platform.app;

/** What a backtest produced: a portfolio report or a rules-mode report. */
public sealed interface RunReport permits BacktestReport, RulesReport {
    /** @return the run's config, component and dataset hashes */
    RunHashes hashes();
}
