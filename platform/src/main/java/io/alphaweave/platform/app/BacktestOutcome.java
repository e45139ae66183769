package io.alphaweave.platform.app;

import io.alphaweave.platform.store.SignalSet;
import java.util.List;
import java.util.Objects;

/**
 * A portfolio run's report together with the signal sets its strategies emitted — what {@link
 * RunService} stores. The signal sets are not part of the report (nor of its JSON): they are stored
 * once per {@link io.alphaweave.platform.store.SignalSetKey} and shared by every run that used them.
 *
 * @param report the report, as {@link BacktestService#run(BacktestRequest.Portfolio, ProgressListener,
 *     CancellationToken)} returns it
 * @param signalSets one set per strategy of the config, in the config's order (a comparison of several
 *     combiners still has one set per strategy: the signals are computed once)
 */
public record BacktestOutcome(BacktestReport report, List<SignalSet> signalSets) {
    /** Validates and copies. */
    public BacktestOutcome {
        Objects.requireNonNull(report, "report");
        signalSets = List.copyOf(signalSets);
    }
}
