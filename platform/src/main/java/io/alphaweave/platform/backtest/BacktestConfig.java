package io.alphaweave.platform.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alphaweave.platform.portfolio.Constraints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A backtest config (DESIGN §4), parsed and validated field by field: every error names the field
 * (e.g. {@code strategies[1].weight}), the rule and the value, and unknown keys are rejected.
 * Data is resolved when the config is parsed, by a {@link DataResolver}: a named dataset ({@code
 * data: {dataset: sample}} or {@code dataset: sample}), or a path — relative paths against the
 * working directory, or, when nothing is there, against the installation root the resolver knows.
 * Immutable.
 *
 * <pre>
 * name: demo
 * data: {path: data/sample/sp500_sample.csv.gz, sectors: data/sample/sectors.csv}
 *                                # or data: {dataset: sample}, or dataset: sample
 * universe: all                  # or a list of symbols
 * period: {start: 2014-01-01, end: 2018-02-07}
 * capital: 1000000
 * strategies:
 *   - {id: bollinger_mean_reversion, weight: 1.0, params: {window: 20, k: 2.0}}
 *   - {id: macd_rsi_confluence}
 * combiner: weighted             # or {id: weighted, params: {...}}
 * allocator: risk_parity
 * constraints: {max_position: 0.10, max_sector: 0.30, min_positions: 10, long_only: true, gross_leverage: 1.0}
 *                                # optional on_infeasible: cash (default) | error
 * rebalance: weekly              # daily | weekly | monthly
 * execution: {fill: next_open, commission_bps: 1, slippage_bps: 2, fractional: true}
 * mode: portfolio
 * </pre>
 *
 * Defaults: {@code name} the file name, {@code universe} all, {@code period} the data's, {@code
 * capital} 1 000 000, {@code weight} 1, {@code combiner} weighted, {@code allocator} proportional,
 * constraints none beyond long-only at gross 1 ({@code max_position} 1, {@code max_sector} none,
 * {@code min_positions} 0, {@code on_infeasible} cash), {@code rebalance} weekly, costs 0, fractional shares, mode portfolio.
 *
 * @param name run name
 * @param dataPath market data file or folder (absolute)
 * @param sectorsPath sector file (absolute), or null
 * @param universe the symbols to trade; empty for every symbol of the data
 * @param start first day, or null for the data's first
 * @param end last day, or null for the data's last
 * @param capital starting cash
 * @param strategies the strategies with weights and raw params
 * @param combiner combiner id and raw params
 * @param allocator allocator id and raw params
 * @param constraints the book's constraints
 * @param rebalance the schedule
 * @param costs commission, slippage, sizing
 */
public record BacktestConfig(
        String name,
        Path dataPath,
        Path sectorsPath,
        List<String> universe,
        LocalDate start,
        LocalDate end,
        double capital,
        List<StrategyRef> strategies,
        ComponentRef combiner,
        ComponentRef allocator,
        Constraints constraints,
        RebalanceSchedule rebalance,
        TradingCosts costs) {

    /**
     * A strategy entry of a config.
     *
     * @param id the registry id
     * @param weight its weight, finite and ≥ 0
     * @param params raw parameters (validated by the strategy)
     */
    public record StrategyRef(String id, double weight, Map<String, Object> params) {
        /** Copies the params. */
        public StrategyRef {
            Objects.requireNonNull(id, "id");
            params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /**
     * A combiner or allocator entry of a config.
     *
     * @param id the registry id
     * @param params raw parameters
     */
    public record ComponentRef(String id, Map<String, Object> params) {
        /** Copies the params. */
        public ComponentRef {
            Objects.requireNonNull(id, "id");
            params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /**
     * Turns a config's {@code data} section into files: resolves paths and named datasets. The CLI
     * resolves both; a network front end may refuse paths.
     */
    public interface DataResolver {
        /**
         * @param value a path as written in the config
         * @param field the config field, for messages (e.g. {@code data.path})
         * @return the absolute, existing path
         * @throws BacktestConfigException naming the field when it does not exist or paths are refused
         */
        Path path(String value, String field);

        /**
         * @param name a dataset name
         * @param field the config field, for messages (e.g. {@code data.dataset})
         * @return the dataset's files
         * @throws BacktestConfigException naming the field and the known names when there is no such dataset
         */
        DatasetFiles dataset(String name, String field);

        /**
         * Paths only, relative to the working directory, else to {@code installDir}; no named datasets.
         *
         * @param installDir the installation root, or null for the working directory only
         * @return the resolver
         */
        static DataResolver paths(Path installDir) {
            return new DataResolver() {
                @Override
                public Path path(String value, String field) {
                    return resolvePath(value, field, installDir);
                }

                @Override
                public DatasetFiles dataset(String name, String field) {
                    throw new BacktestConfigException(field + ": dataset \"" + name
                            + "\" cannot be resolved here (no dataset catalog); give data.path instead");
                }
            };
        }
    }

    /**
     * The files of a named dataset.
     *
     * @param name the dataset name
     * @param data the bars: a file or folder, absolute
     * @param sectors the sector file, absolute, or null
     */
    public record DatasetFiles(String name, Path data, Path sectors) {
        /** Checks nulls. */
        public DatasetFiles {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    /** Cross-field checks. */
    public BacktestConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataPath, "dataPath");
        universe = List.copyOf(universe);
        strategies = List.copyOf(strategies);
        Objects.requireNonNull(combiner, "combiner");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(rebalance, "rebalance");
        Objects.requireNonNull(costs, "costs");
        if (start != null && end != null && start.isAfter(end)) {
            throw new BacktestConfigException("period.start " + start + " is after period.end " + end);
        }
        if (!(capital > 0) || Double.isInfinite(capital)) {
            throw new BacktestConfigException("capital must be a finite number > 0, was " + capital);
        }
        if (strategies.isEmpty()) {
            throw new BacktestConfigException("strategies must list at least one strategy");
        }
        double sum = 0;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < strategies.size(); i++) {
            StrategyRef s = strategies.get(i);
            if (!(s.weight() >= 0) || Double.isInfinite(s.weight())) {
                throw new BacktestConfigException(
                        "strategies[" + i + "].weight must be a finite number ≥ 0, was " + s.weight());
            }
            if (!ids.add(s.id())) {
                throw new BacktestConfigException(
                        "strategies[" + i + "].id " + s.id() + " appears twice; list each strategy once");
            }
            sum += s.weight();
        }
        if (!(sum > 0)) {
            throw new BacktestConfigException("strategies[*].weight must sum to > 0, summed to " + sum);
        }
    }

    // a key given twice is an error, not "the last one wins"
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    /**
     * Parses and validates a YAML (or JSON) config file.
     *
     * @param file the config
     * @return the config
     * @throws BacktestConfigException naming the file and the field
     */
    public static BacktestConfig parse(Path file) {
        return parse(file, DataResolver.paths(null));
    }

    /**
     * Parses and validates a YAML (or JSON) config file.
     *
     * @param file the config
     * @param resolver resolves the data section's paths and dataset names
     * @return the config
     * @throws BacktestConfigException naming the file and the field
     */
    public static BacktestConfig parse(Path file, DataResolver resolver) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BacktestConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new BacktestConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        String base = fileName.replaceFirst("\\.(ya?ml|json)$", "");
        try {
            return fromTree(readTree(text, file.toString()), base, resolver);
        } catch (BacktestConfigException e) {
            throw new BacktestConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a config document (YAML or JSON text).
     *
     * @param text the document
     * @param source a name for messages
     * @return the tree
     */
    static JsonNode readTree(String text, String source) {
        try {
            JsonNode n = YAML.readTree(text);
            if (n == null || n.isMissingNode() || n.isNull()) {
                throw new BacktestConfigException(source + ": the config is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BacktestConfigException(source + (loc == null ? "" : ":" + loc.getLineNr()) + ": not valid YAML: "
                    + e.getOriginalMessage());
        }
    }

    /**
     * Builds a config from a parsed document (the HTTP API passes the same document as JSON).
     *
     * @param root the document
     * @param defaultName the name when the document has none
     * @return the config
     * @throws BacktestConfigException naming the field
     */
    public static BacktestConfig fromTree(JsonNode root, String defaultName) {
        return fromTree(root, defaultName, DataResolver.paths(null));
    }

    /**
     * Builds a config from a parsed document (the HTTP API passes the same document as JSON).
     *
     * @param root the document
     * @param defaultName the name when the document has none
     * @param resolver resolves the data section's paths and dataset names
     * @return the config
     * @throws BacktestConfigException naming the field
     */
    public static BacktestConfig fromTree(JsonNode root, String defaultName, DataResolver resolver) {
        Objects.requireNonNull(resolver, "resolver");
        Fields top = new Fields(root, "");
        top.allow(
                "name",
                "data",
                "dataset",
                "universe",
                "period",
                "capital",
                "strategies",
                "combiner",
                "allocator",
                "constraints",
                "rebalance",
                "execution",
                "mode");
        String mode = top.string("mode", "portfolio");
        if (!mode.equals("portfolio")) {
            throw new BacktestConfigException("mode must be portfolio for a config run, was \"" + mode
                    + "\" (rules mode runs with `alphaweave backtest --mode rules`)");
        }
        String name = top.string("name", defaultName);

        String topDataset = top.string("dataset", null);
        Fields data = top.object("data", topDataset == null);
        data.allow("path", "sectors", "dataset");
        String dataset = data.string("dataset", null);
        String pathValue = data.string("path", null);
        String sectors = data.string("sectors", null);
        if (topDataset != null && root.get("data") != null && !root.get("data").isNull()) {
            throw new BacktestConfigException("give either dataset: " + topDataset + " or a data section, not both");
        }
        if (dataset != null && pathValue != null) {
            throw new BacktestConfigException(
                    "data.dataset and data.path are exclusive: name a dataset or give a path, not both");
        }
        Path dataPath;
        Path sectorsPath;
        if (topDataset != null || dataset != null) {
            String field = topDataset != null ? "dataset" : "data.dataset";
            DatasetFiles files = resolver.dataset(topDataset != null ? topDataset : dataset, field);
            dataPath = files.data();
            sectorsPath = sectors != null ? resolver.path(sectors, "data.sectors") : files.sectors();
        } else {
            if (pathValue == null || pathValue.isBlank()) {
                throw new BacktestConfigException(
                        "data.path is required: a path to the market data file or folder (or name a dataset:"
                                + " data: {dataset: sample})");
            }
            dataPath = resolver.path(pathValue, "data.path");
            sectorsPath = sectors == null ? null : resolver.path(sectors, "data.sectors");
        }

        List<String> universe = new ArrayList<>();
        JsonNode u = root.get("universe");
        if (u != null && !u.isNull()) {
            if (u.isTextual()) {
                if (!u.asText().equals("all")) {
                    throw new BacktestConfigException(
                            "universe must be \"all\" or a list of symbols, was \"" + u.asText() + "\"");
                }
            } else if (u.isArray()) {
                for (int i = 0; i < u.size(); i++) {
                    if (!u.get(i).isTextual() || u.get(i).asText().isBlank()) {
                        throw new BacktestConfigException("universe[" + i + "] must be a symbol, was " + u.get(i));
                    }
                    universe.add(u.get(i).asText());
                }
                if (universe.isEmpty()) {
                    throw new BacktestConfigException("universe must list at least one symbol (or be \"all\")");
                }
                if (new HashSet<>(universe).size() != universe.size()) {
                    throw new BacktestConfigException("universe lists a symbol twice: " + universe);
                }
            } else {
                throw new BacktestConfigException("universe must be \"all\" or a list of symbols, was " + u);
            }
        }

        Fields period = top.object("period", false);
        period.allow("start", "end");
        LocalDate start = period.date("start");
        LocalDate end = period.date("end");

        double capital = top.number("capital", 1_000_000);

        JsonNode list = root.get("strategies");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new BacktestConfigException("strategies must be a non-empty list of {id, weight, params}");
        }
        List<StrategyRef> strategies = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String path = "strategies[" + i + "]";
            if (item.isTextual()) {
                strategies.add(new StrategyRef(item.asText(), 1.0, Map.of()));
                continue;
            }
            Fields f = new Fields(item, path + ".");
            f.allow("id", "weight", "params");
            String id = f.string("id", null);
            if (id == null) {
                throw new BacktestConfigException(path + ".id is required");
            }
            strategies.add(new StrategyRef(id, f.number("weight", 1.0), f.map("params")));
        }

        ComponentRef combiner = component(root.get("combiner"), "combiner", "weighted");
        ComponentRef allocator = component(root.get("allocator"), "allocator", "proportional");

        Fields c = top.object("constraints", false);
        c.allow("max_position", "max_sector", "min_positions", "long_only", "gross_leverage", "on_infeasible");
        double maxSector = c.number("max_sector", Double.POSITIVE_INFINITY);
        Constraints constraints = new Constraints(
                c.number("max_position", 1.0),
                maxSector,
                c.integer("min_positions", 0),
                c.bool("long_only", true),
                c.number("gross_leverage", 1.0),
                onInfeasible(c.string("on_infeasible", "cash")));

        RebalanceSchedule schedule = RebalanceSchedule.parse(top.string("rebalance", "weekly"));

        Fields e = top.object("execution", false);
        e.allow("fill", "commission_bps", "slippage_bps", "fractional");
        String fill = e.string("fill", "next_open");
        if (!fill.equals("next_open")) {
            throw new BacktestConfigException("execution.fill must be next_open, was \"" + fill + "\"");
        }
        TradingCosts costs = new TradingCosts(
                e.number("commission_bps", 0), e.number("slippage_bps", 0), e.bool("fractional", true));

        return new BacktestConfig(
                name,
                dataPath,
                sectorsPath,
                universe,
                start,
                end,
                capital,
                strategies,
                combiner,
                allocator,
                constraints,
                schedule,
                costs);
    }

    private static Constraints.OnInfeasible onInfeasible(String id) {
        return switch (id) {
            case "cash" -> Constraints.OnInfeasible.CASH;
            case "error" -> Constraints.OnInfeasible.ERROR;
            default ->
                throw new BacktestConfigException("constraints.on_infeasible must be cash (keep what the caps cannot"
                        + " hold in cash) or error (stop the run), was \"" + id + "\"");
        };
    }

    private static ComponentRef component(JsonNode n, String field, String dflt) {
        if (n == null || n.isNull()) {
            return new ComponentRef(dflt, Map.of());
        }
        if (n.isTextual()) {
            return new ComponentRef(n.asText(), Map.of());
        }
        Fields f = new Fields(n, field + ".");
        f.allow("id", "params");
        String id = f.string("id", null);
        if (id == null) {
            throw new BacktestConfigException(field + ".id is required (or write " + field + ": <id>)");
        }
        return new ComponentRef(id, f.map("params"));
    }

    private static Path resolvePath(String value, String field, Path installDir) {
        if (value == null || value.isBlank()) {
            throw new BacktestConfigException(field + " must be a path, was empty");
        }
        Path p = Path.of(value);
        if (p.isAbsolute() || Files.exists(p)) {
            if (!Files.exists(p)) {
                throw new BacktestConfigException(field + ": " + p + " does not exist");
            }
            return p.toAbsolutePath().normalize();
        }
        if (installDir != null && Files.exists(installDir.resolve(p))) {
            return installDir.resolve(p).toAbsolutePath().normalize();
        }
        throw new BacktestConfigException(field + ": " + value + " does not exist (relative paths resolve against the"
                + " working directory " + Path.of("").toAbsolutePath()
                + (installDir == null ? "" : " or the installation root " + installDir) + ")");
    }

    /** Strict access to one mapping of the document. */
    private static final class Fields {
        private final JsonNode node;
        private final String prefix;

        Fields(JsonNode node, String prefix) {
            if (node != null && !node.isNull() && !node.isObject()) {
                throw new BacktestConfigException(
                        (prefix.isEmpty() ? "the config" : prefix.substring(0, prefix.length() - 1))
                                + " must be a mapping of keys to values, was " + node);
            }
            this.node = node;
            this.prefix = prefix;
        }

        void allow(String... keys) {
            if (node == null || node.isNull()) {
                return;
            }
            Set<String> allowed = Set.of(keys);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw new BacktestConfigException(
                            "unknown key " + prefix + k + "; allowed here: " + String.join(", ", keys));
                }
            }
        }

        private JsonNode get(String key) {
            JsonNode v = node == null ? null : node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        Fields object(String key, boolean required) {
            JsonNode v = get(key);
            if (v == null && required) {
                throw new BacktestConfigException(prefix + key + " is required");
            }
            return new Fields(v, prefix + key + ".");
        }

        String string(String key, String dflt) {
            JsonNode v = get(key);
            if (v == null) {
                return dflt;
            }
            if (!v.isValueNode() || v.isBoolean()) {
                throw new BacktestConfigException(prefix + key + " must be text, was " + v);
            }
            return v.asText();
        }

        double number(String key, double dflt) {
            JsonNode v = get(key);
            if (v == null) {
                return dflt;
            }
            if (v.isNumber()) {
                return v.asDouble();
            }
            if (v.isTextual()) {
                String t = v.asText().trim();
                if (t.equalsIgnoreCase("none") || t.equalsIgnoreCase("inf") || t.equalsIgnoreCase(".inf")) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            throw new BacktestConfigException(prefix + key + " must be a number, was " + v);
        }

        int integer(String key, int dflt) {
            JsonNode v = get(key);
            if (v == null) {
                return dflt;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new BacktestConfigException(prefix + key + " must be a whole number, was " + v);
            }
            return v.asInt();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode v = get(key);
            if (v == null) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw new BacktestConfigException(prefix + key + " must be true or false, was " + v);
            }
            return v.asBoolean();
        }

        LocalDate date(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v.asText().trim());
            } catch (DateTimeParseException e) {
                throw new BacktestConfigException(prefix + key + " must be a date YYYY-MM-DD, was " + v);
            }
        }

        Map<String, Object> map(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return Map.of();
            }
            if (!v.isObject()) {
                throw new BacktestConfigException(
                        prefix + key + " must be a mapping of parameter names to values, was " + v);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (var it = v.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                JsonNode x = e.getValue();
                Object value;
                if (x.isIntegralNumber()) {
                    value = x.canConvertToInt() ? (Object) x.asInt() : (Object) x.asLong();
                } else if (x.isNumber()) {
                    value = x.asDouble();
                } else if (x.isBoolean()) {
                    value = x.asBoolean();
                } else if (x.isTextual()) {
                    value = x.asText();
                } else {
                    throw new BacktestConfigException(
                            prefix + key + "." + e.getKey() + " must be a number, text or boolean, was " + x);
                }
                out.put(e.getKey(), value);
            }
            return out;
        }
    }
}
