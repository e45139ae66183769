package io.alphaweave.web.cli;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.data.DataDefect;
import io.alphaweave.platform.data.DataQualityReport;
import io.alphaweave.platform.data.MarketData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphaweave data}: market-data tools. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Market-data tools.",
        subcommands = {DataCommand.InspectCommand.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code alphaweave data inspect FILE}: what a data file holds and what is wrong with it. */
    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            description = "Load a market-data file (long CSV, Yahoo CSV or a folder of them; plain or gzip) and show"
                    + " its symbols, date range, bars and every data defect with how it was handled.")
    static final class InspectCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The data file or folder.")
        Path file;

        @Option(names = "--sectors", paramLabel = "FILE", description = "A sector file (Symbol,Name,Sector,...).")
        Path sectors;

        @Option(names = "--json", description = "Print JSON instead of tables.")
        boolean json;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            MarketData data = sectors == null ? MarketData.load(file) : MarketData.load(file, sectors);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            PrintWriter out = spec.commandLine().getOut();
            List<SymbolRow> rows = symbolRows(data);
            if (json) {
                out.println(JsonMapper.write(toJson(data, rows)));
            } else {
                printTables(out, data, rows, millis);
            }
            out.flush();
            return 0;
        }

        private record SymbolRow(
                String symbol, String sector, String first, String last, int bars, int missing, int defects) {}

        private static List<SymbolRow> symbolRows(MarketData data) {
            Map<String, Integer> missing = new HashMap<>(), defects = new HashMap<>();
            for (DataDefect d : data.quality().defects()) {
                defects.merge(d.symbol(), 1, Integer::sum);
                if (d.kind() == DataDefect.Kind.MISSING_DAY) {
                    missing.merge(d.symbol(), 1, Integer::sum);
                }
            }
            List<SymbolRow> rows = new ArrayList<>();
            for (int s = 0; s < data.symbolCount(); s++) {
                double[] c = data.close(s);
                int first = -1, last = -1, bars = 0;
                for (int d = 0; d < c.length; d++) {
                    if (!Double.isNaN(c[d])) {
                        first = first < 0 ? d : first;
                        last = d;
                        bars++;
                    }
                }
                String sym = data.symbols().get(s);
                rows.add(new SymbolRow(
                        sym,
                        data.sector(s),
                        data.date(first).toString(),
                        data.date(last).toString(),
                        bars,
                        missing.getOrDefault(sym, 0),
                        defects.getOrDefault(sym, 0)));
            }
            return rows;
        }

        private void printTables(PrintWriter out, MarketData data, List<SymbolRow> rows, long millis) {
            DataQualityReport q = data.quality();
            int days = data.dayCount();
            long fullSpan = rows.stream()
                    .filter(r -> r.first().equals(data.date(0).toString())
                            && r.last().equals(data.date(days - 1).toString()))
                    .count();
            out.printf(Locale.ROOT, "file       %s%n", file);
            if (sectors != null) {
                long named = rows.stream()
                        .map(SymbolRow::sector)
                        .filter(Objects::nonNull)
                        .distinct()
                        .count();
                out.printf(Locale.ROOT, "sectors    %s (%d sectors)%n", sectors, named);
            }
            out.printf(
                    Locale.ROOT,
                    "symbols    %d (%d span the whole calendar, %d start late or end early)%n",
                    rows.size(),
                    fullSpan,
                    rows.size() - fullSpan);
            out.printf(
                    Locale.ROOT, "dates      %s .. %s (%,d trading days)%n", data.date(0), data.date(days - 1), days);
            out.printf(Locale.ROOT, "bars       %,d (from %,d data rows)%n", data.barCount(), q.rows());
            out.printf(Locale.ROOT, "loaded in  %d ms%n", millis);
            out.println();

            out.printf(Locale.ROOT, "defects    %d%n", q.defects().size());
            if (!q.isClean()) {
                out.printf(Locale.ROOT, "  %-22s %6s  %s%n", "kind", "count", "handling");
                q.countsByKind()
                        .forEach((kind, n) -> out.printf(Locale.ROOT, "  %-22s %6d  %s%n", kind, n, kind.handling()));
            }
            out.println();

            int w = Math.max(
                    6, rows.stream().mapToInt(r -> r.symbol().length()).max().orElse(6));
            String sectorHeader = sectors == null ? "" : String.format(Locale.ROOT, "  %-26s", "sector");
            out.printf(
                    Locale.ROOT,
                    "%-" + w + "s%s  %-10s  %-10s  %6s  %7s  %7s%n",
                    "symbol",
                    sectorHeader,
                    "first",
                    "last",
                    "bars",
                    "missing",
                    "defects");
            for (SymbolRow r : rows) {
                String sec = sectors == null
                        ? ""
                        : String.format(Locale.ROOT, "  %-26s", r.sector() == null ? "(none)" : r.sector());
                out.printf(
                        Locale.ROOT,
                        "%-" + w + "s%s  %-10s  %-10s  %6d  %7d  %7d%n",
                        r.symbol(),
                        sec,
                        r.first(),
                        r.last(),
                        r.bars(),
                        r.missing(),
                        r.defects());
            }
            if (!q.isClean()) {
                out.println();
                out.println("defect list (file order)");
                boolean manyFiles = new TreeSet<>(q.sources()).size() > 1;
                out.printf(
                        Locale.ROOT,
                        "  %8s  %-" + w + "s  %-10s  %-22s  %s%n",
                        "line",
                        "symbol",
                        "date",
                        "kind",
                        "reason");
                List<DataDefect> all = q.defects();
                for (int i = 0; i < all.size(); i++) {
                    DataDefect d = all.get(i);
                    int j = i;
                    // one line for a run of missing days that share a gap
                    while (d.kind() == DataDefect.Kind.MISSING_DAY
                            && j + 1 < all.size()
                            && all.get(j + 1).kind() == DataDefect.Kind.MISSING_DAY
                            && all.get(j + 1).line() == d.line()
                            && all.get(j + 1).file().equals(d.file())) {
                        j++;
                    }
                    String date = j == i
                            ? d.date().toString()
                            : d.date() + " .. " + all.get(j).date();
                    String reason = j == i ? d.reason() : (j - i + 1) + " days: " + d.reason();
                    out.printf(
                            Locale.ROOT,
                            "  %8d  %-" + w + "s  %-10s  %-22s  %s%s%n",
                            d.line(),
                            d.symbol(),
                            date,
                            d.kind(),
                            reason,
                            manyFiles ? " [" + d.file() + "]" : "");
                    i = j;
                }
            }
        }

        private Map<String, Object> toJson(MarketData data, List<SymbolRow> rows) {
            DataQualityReport q = data.quality();
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("file", file.toString());
            root.put("sectorFile", sectors == null ? null : sectors.toString());
            root.put("firstDate", data.date(0).toString());
            root.put("lastDate", data.date(data.dayCount() - 1).toString());
            root.put("tradingDays", data.dayCount());
            root.put("rows", q.rows());
            root.put("bars", data.barCount());
            List<Map<String, Object>> symbols = new ArrayList<>();
            for (SymbolRow r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("symbol", r.symbol());
                m.put("sector", r.sector());
                m.put("first", r.first());
                m.put("last", r.last());
                m.put("bars", r.bars());
                m.put("missingDays", r.missing());
                m.put("defects", r.defects());
                symbols.add(m);
            }
            root.put("symbols", symbols);
            Map<String, Object> counts = new LinkedHashMap<>();
            q.countsByKind().forEach((k, n) -> counts.put(k.name(), n));
            root.put("defectCounts", counts);
            List<Map<String, Object>> defects = new ArrayList<>();
            for (DataDefect d : q.defects()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", d.kind().name());
                m.put("symbol", d.symbol());
                m.put("date", d.date().toString());
                m.put("file", d.file());
                m.put("line", d.line());
                m.put("reason", d.reason());
                m.put("handling", d.kind().handling());
                defects.add(m);
            }
            root.put("defects", defects);
            return root;
        }
    }
}
