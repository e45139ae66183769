package io.alphaweave.platform.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rows and runs the store tests write. */
final class Fixtures {
    /** A fixed instant with microseconds, the precision both engines keep. */
    static final Instant T0 = Instant.parse("2026-03-08T01:59:58.123456Z");

    static final String INJECTION = "x'); DROP TABLE trade; --";

    private Fixtures() {}

    static Clock clock() {
        return Clock.fixed(T0, ZoneOffset.UTC);
    }

    static NewRun newRun(String name) {
        return new NewRun(
                name,
                "{\"dataset\":\"sample\",\"rebalance\":\"monthly\"}",
                Map.of("momentum", "sha256:aa", "mean_reversion", "sha256:bb"),
                "cfg-1",
                "code-1",
                "data-1",
                "0.1.0");
    }

    static SignalSetKey key(String strategy) {
        return new SignalSetKey(
                strategy,
                "sha256:" + strategy,
                "{\"window\":20}",
                "data-1",
                LocalDate.of(2020, 1, 2),
                LocalDate.of(2020, 12, 31));
    }

    /** {@code symbols × days} rows with scores that vary by symbol and day. */
    static List<SignalRow> signals(List<String> symbols, int days) {
        List<SignalRow> rows = new ArrayList<>();
        LocalDate start = LocalDate.of(2020, 1, 2);
        for (int s = 0; s < symbols.size(); s++) {
            for (int d = 0; d < days; d++) {
                rows.add(new SignalRow(
                        symbols.get(s),
                        start.plusDays(d),
                        (s - d) / 7.0,
                        0.5 + 0.01 * d,
                        5,
                        d % 2 == 0,
                        d % 3 == 0 ? null : "{\"rank\":" + d + "}"));
            }
        }
        return rows;
    }

    static RunResults results(List<SignalSet> sets) {
        return new RunResults(
                sets,
                List.of(new AllocationRow(
                        LocalDate.of(2020, 1, 31),
                        "equal_weight",
                        "{\"AAPL\":0.5,\"MSFT\":0.5}",
                        1_000_000.0,
                        "{\"AAPL\":{\"momentum\":1.0}}",
                        "[\"max_weight\"]")),
                List.of(new PerformanceRow(
                        "momentum",
                        LocalDate.of(2020, 12, 31),
                        251,
                        1.2,
                        0.15,
                        -0.08,
                        0.55,
                        0.03,
                        "{\"sortino\":1.5}")),
                List.of(new TradeRow(
                        "AAPL",
                        TradeSide.BUY,
                        LocalDate.of(2020, 1, 31),
                        LocalDate.of(2020, 2, 3),
                        null,
                        310.25,
                        Double.NaN,
                        100,
                        1.0,
                        Double.NaN,
                        "{\"momentum\":1.0}")),
                "{\"report\":true}");
    }
}
