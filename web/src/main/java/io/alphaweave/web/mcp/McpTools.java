package io.alphaweave.web.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.app.ComponentInsights;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.jobs.BacktestStatus;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.UnknownRunException;
import io.alphaweave.platform.submission.Submission;
import io.alphaweave.platform.submission.SubmissionRequest;
import io.alphaweave.platform.submission.SubmissionService;
import io.alphaweave.web.DatasetDirectory;
import io.alphaweave.web.http.ApiServer;
import io.alphaweave.web.http.Renderings;
import io.alphaweave.web.http.ReportParts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of {@code alphaweave mcp}: each one checks its arguments against its JSON Schema (an
 * argument that breaks a rule is answered with an error result naming the field, the rule and the value),
 * calls the same platform services as the HTTP routes and answers with the same JSON those routes send,
 * rendered by {@link JsonMapper}. Independent of the MCP SDK, so it can be tested directly; {@link
 * McpCommand} adapts it to the SDK.
 */
public final class McpTools {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);
    private static final Pattern COMPONENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DEFINITION_FILE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final long POLL_MILLIS = 100;
    private static final int MAX_PART_PAGE = 1_000;
    private static final int DEFAULT_PART_PAGE = 100;

    /**
     * The services the tools call.
     *
     * @param registry the components
     * @param datasets the named datasets
     * @param validator the definition validator (on the sample data)
     * @param insights the latest stored metrics and alpha histograms, or null for none
     * @param submissions opens the submission service on first use (worker JVMs start only then)
     * @param backtests the backtest queue (a worker pool of the caller runs its jobs)
     * @param maxWait the longest {@code wait_seconds} a tool accepts
     */
    public record Services(
            ComponentRegistry registry,
            DatasetDirectory datasets,
            DefinitionValidator validator,
            ComponentInsights insights,
            Supplier<SubmissionService> submissions,
            BacktestQueue backtests,
            Duration maxWait) {
        /** Checks that every service is there. */
        public Services {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(datasets, "datasets");
            Objects.requireNonNull(validator, "validator");
            Objects.requireNonNull(submissions, "submissions");
            Objects.requireNonNull(backtests, "backtests");
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("maxWait must be > 0, was " + maxWait);
            }
        }
    }

    /**
     * One tool.
     *
     * @param name its name
     * @param description what it does, for the agent
     * @param inputSchema the JSON Schema of its arguments (a JSON object as text)
     */
    public record Tool(String name, String description, String inputSchema) {
        /** Checks the fields. */
        public Tool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(inputSchema, "inputSchema");
        }
    }

    /**
     * What a call answered.
     *
     * @param json the answer as JSON text, or for an error the message
     * @param error whether the call failed (bad arguments, an unknown id, a refused request)
     */
    public record Result(String json, boolean error) {
        /** Checks the fields. */
        public Result {
            Objects.requireNonNull(json, "json");
        }
    }

    /** An argument that breaks its schema's rule; the message names the field, the rule and the value. */
    static final class BadArgument extends AlphaweaveException {
        private static final long serialVersionUID = 1L;

        BadArgument(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object call(Arguments args) throws InterruptedException;
    }

    private record Entry(Tool tool, Handler handler, boolean escapeMarkup) {}

    private final Services services;
    private final Map<String, Entry> tools = new LinkedHashMap<>();

    /** @param services the services the tools call */
    public McpTools(Services services) {
        this.services = Objects.requireNonNull(services, "services");
        long maxWait = services.maxWait().toSeconds();
        add(
                "list_components",
                "List the registered strategies, combiners and allocators (id, kind, version, summary, status,"
                        + " source), optionally of one kind. Same JSON as GET /api/v1/components.",
                schema(Map.of("kind", kindProperty()), List.of()),
                false,
                this::listComponents);
        add(
                "describe_component",
                "Describe one component: parameters (with ranges), horizon, README, the latest stored metrics and"
                        + " its alpha-score histogram on the sample data. Same JSON as GET /api/v1/components/{id}.",
                schema(
                        Map.of(
                                "id",
                                "{\"type\": \"string\", \"pattern\": \"^"
                                        + COMPONENT_ID.pattern().replace("\\", "\\\\")
                                        + "$\", \"description\": \"the component id, e.g. momentum_rank_yaml\"}",
                                "kind",
                                kindProperty()),
                        List.of("id")),
                false,
                this::describeComponent);
        add(
                "list_datasets",
                "List the named datasets a backtest config can use as data: {dataset: NAME}. Same JSON as GET"
                        + " /api/v1/datasets.",
                schema(Map.of(), List.of()),
                false,
                args -> Renderings.datasetSummaries(services.datasets().list()));
        String fileProperty = "{\"type\": \"string\", \"pattern\": \"^[A-Za-z0-9_.-]{1,100}$\", \"description\":"
                + " \"the file name problems are reported under; .yaml/.yml for YAML, .js/.mjs for JavaScript\"}";
        String sourceProperty = "{\"type\": \"string\", \"minLength\": 1, \"maxLength\": "
                + SubmissionRequest.MAX_SOURCE_BYTES + ", \"description\": \"the definition's text\"}";
        add(
                "validate_definition",
                "Check a strategy, combiner or allocator definition (YAML or JavaScript) without registering it:"
                        + " schema, compile, sandbox, lookahead and a quick in-sample backtest on the sample data."
                        + " Answers ok, checks and problems[] (file, line, column, code, message, hint) - the same"
                        + " report as POST /api/v1/validate and alphaweave validate.",
                schema(Map.of("filename", fileProperty, "source", sourceProperty), List.of("filename", "source")),
                false,
                this::validate);
        String waitProperty = "{\"type\": \"integer\", \"minimum\": 0, \"maximum\": " + maxWait
                + ", \"description\": \"how long to wait for the outcome, in seconds (default %d)\"}";
        add(
                "submit_strategy",
                "Submit a strategy definition for a verdict (ACCEPTED, REJECTED with reasons, INVALID, LOOKAHEAD,"
                        + " TIMEOUT, MEMORY_LIMIT, SANDBOX_VIOLATION). Each distinct content is one trial in the"
                        + " ledger. Waits up to wait_seconds for the verdict; if it is not there yet, ask"
                        + " get_submission with the id. Same JSON as POST/GET /api/v1/submissions.",
                schema(
                        Map.of(
                                "filename",
                                fileProperty,
                                "source",
                                sourceProperty,
                                "author",
                                "{\"type\": \"string\", \"pattern\": \"^[A-Za-z0-9_.@-]{1,64}$\", \"description\":"
                                        + " \"who submits (default anonymous)\"}",
                                "family",
                                "{\"type\": \"string\", \"pattern\": \"^[A-Za-z0-9_.@-]{1,64}$\", \"description\":"
                                        + " \"the family of related attempts the trial counts in (default default)\"}",
                                "wait_seconds",
                                waitProperty.formatted(Math.min(60, maxWait))),
                        List.of("filename", "source")),
                true,
                this::submit);
        add(
                "get_submission",
                "One submission: its status and, once reached, its verdict (problems, in-sample metrics, IC, PSR and"
                        + " deflated Sharpe over the trial ledger, novelty, marginal effect, sealed holdout pass/fail,"
                        + " reasons[]). Optionally waits up to wait_seconds for the verdict.",
                schema(
                        Map.of(
                                "id",
                                "{\"type\": \"string\", \"pattern\": \"^" + UUID.pattern() + "$\", \"description\":"
                                        + " \"the submission id from submit_strategy\"}",
                                "wait_seconds",
                                waitProperty.formatted(0)),
                        List.of("id")),
                true,
                this::getSubmission);
        add(
                "run_backtest",
                "Run a portfolio backtest of a config (a JSON object, or YAML text) whose data names a dataset, e.g."
                        + " {\"name\": \"x\", \"data\": {\"dataset\": \"sample\"}, \"strategies\": [{\"id\":"
                        + " \"momentum_rank_yaml\"}], \"combiner\": \"agreement_weighted_js\", \"allocator\": \"inverse_vol_alpha_js\"}. Waits up"
                        + " to wait_seconds; answers the run (id, status, timings) and, when COMPLETE, its headline"
                        + " metrics. Read the report's summary with get_report, its trades with get_report_part.",
                schema(
                        Map.of(
                                "config",
                                "{\"type\": [\"object\", \"string\"], \"description\": \"the backtest config: a JSON"
                                        + " object, or YAML text\"}",
                                "compare",
                                "{\"type\": \"boolean\", \"description\": \"also compare every registered combiner"
                                        + " (default false)\"}",
                                "wait_seconds",
                                waitProperty.formatted(Math.min(120, maxWait))),
                        List.of("config")),
                false,
                this::runBacktest);
        add(
                "get_report",
                "The summary of a COMPLETE backtest run's stored report (same JSON as GET"
                        + " /api/v1/backtests/{id}/report): everything but the trades, the daily weights and each"
                        + " strategy's daily confidence, which its `omitted` list names by JSON pointer and count"
                        + " (read them with get_report_part); optionally only some of its top-level sections (e.g."
                        + " metrics, ic, contributions).",
                schema(
                        Map.of(
                                "run_id",
                                "{\"type\": \"string\", \"pattern\": \"^" + UUID.pattern() + "$\", \"description\":"
                                        + " \"the run id from run_backtest\"}",
                                "sections",
                                "{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"uniqueItems\": true,"
                                        + " \"description\": \"only these top-level fields of the report\"}"),
                        List.of("run_id")),
                false,
                this::getReport);
        add(
                "get_report_part",
                "A page of a part get_report leaves out (its `omitted` list): the trades (/trades), the daily weights"
                        + " (/weights) or a strategy's daily confidence (/strategies/ID/confidence_over_time), in the"
                        + " report's order. Answers {pointer, items, offset, limit, total, next_offset}; next_offset is"
                        + " null on the last page.",
                schema(
                        Map.of(
                                "run_id",
                                "{\"type\": \"string\", \"pattern\": \"^" + UUID.pattern() + "$\", \"description\":"
                                        + " \"the run id from run_backtest\"}",
                                "pointer",
                                "{\"type\": \"string\", \"description\": \"the pointer of an omitted part, e.g."
                                        + " /trades\"}",
                                "offset",
                                "{\"type\": \"integer\", \"minimum\": 0, \"description\": \"skip this many items"
                                        + " (default 0)\"}",
                                "limit",
                                "{\"type\": \"integer\", \"minimum\": 1, \"maximum\": " + MAX_PART_PAGE
                                        + ", \"description\": \"at most this many items (default " + DEFAULT_PART_PAGE
                                        + ")\"}"),
                        List.of("run_id", "pointer")),
                false,
                this::getReportPart);
    }

    private void add(String name, String description, String schema, boolean escapeMarkup, Handler handler) {
        tools.put(name, new Entry(new Tool(name, description, schema), handler, escapeMarkup));
    }

    /** @return every tool, in a stable order */
    public List<Tool> tools() {
        return tools.values().stream().map(Entry::tool).toList();
    }

    /**
     * Calls a tool. Never throws for a failure of the call: a bad argument, an unknown id or a refused
     * request is an error result with a one-line message; an unexpected failure is an error result naming
     * the tool (details on stderr with --verbose), never a stack trace.
     *
     * @param name the tool's name
     * @param arguments its arguments (null for none)
     * @return the answer
     * @throws InterruptedException when interrupted while waiting
     */
    public Result call(String name, Map<String, Object> arguments) throws InterruptedException {
        Entry entry = tools.get(name);
        if (entry == null) {
            return new Result("unknown tool \"" + name + "\"; the tools are " + tools.keySet(), true);
        }
        try {
            JsonNode tree = arguments == null ? JsonMapper.mapper().createObjectNode() : JsonMapper.tree(arguments);
            Arguments args = new Arguments(tree, entry.tool().inputSchema());
            Object answer = entry.handler().call(args);
            String json = answer instanceof JsonNode n ? JsonMapper.write(n) : JsonMapper.write(answer);
            return new Result(entry.escapeMarkup() ? escapeMarkup(json) : json, false);
        } catch (AlphaweaveException e) {
            LOG.debug("tool {} refused its call", name, e);
            return new Result(Renderings.withoutPaths(e.getMessage()), true);
        } catch (IllegalArgumentException e) {
            LOG.debug("tool {} refused its call", name, e);
            return new Result(Renderings.withoutPaths(e.getMessage()), true);
        } catch (RuntimeException e) {
            LOG.warn("tool {} failed: {}", name, e.toString());
            LOG.debug("tool {} failed", name, e);
            return new Result(
                    name + " failed inside the server (" + e.getClass().getSimpleName()
                            + "); run alphaweave mcp with --verbose and read its stderr for details",
                    true);
        }
    }

    // ------------------------------------------------------------------ the tools

    private Object listComponents(Arguments args) {
        ComponentKind kind = args.kind();
        List<ComponentEntry> entries = kind == null
                ? services.registry().entries()
                : services.registry().entries(kind);
        return Renderings.componentSummaries(entries);
    }

    private Object describeComponent(Arguments args) {
        String id = args.string("id", COMPONENT_ID, "a letter or digit and up to 127 letters, digits, '.', '_', '-'");
        ComponentKind kind = args.kind();
        List<ComponentEntry> found = services.registry().entries().stream()
                .filter(e -> e.id().equals(id) && (kind == null || e.kind() == kind))
                .toList();
        if (found.isEmpty()) {
            throw new BadArgument("id: no component \"" + id + "\"" + (kind == null ? "" : " of kind " + label(kind))
                    + "; list_components lists them");
        }
        if (found.size() > 1) {
            throw new BadArgument("id: \"" + id + "\" names a "
                    + found.stream().map(e -> label(e.kind())).toList() + "; add kind to choose one");
        }
        return Renderings.componentDetail(found.getFirst(), services.insights());
    }

    private Object validate(Arguments args) {
        String filename = args.string("filename", DEFINITION_FILE, "1..100 characters of [A-Za-z0-9_.-]");
        String lower = filename.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml")
                || lower.endsWith(".yml")
                || lower.endsWith(".json")
                || lower.endsWith(".js")
                || lower.endsWith(".mjs"))) {
            throw new BadArgument(
                    "filename must end in .yaml, .yml, .json, .js or .mjs (it says which language the source is),"
                            + " was \"" + filename + "\"");
        }
        String source = args.source();
        return Renderings.validation(services.validator().validate(filename, source));
    }

    private Object submit(Arguments args) throws InterruptedException {
        SubmissionRequest request = new SubmissionRequest(
                args.string("filename", DEFINITION_FILE, "1..100 characters of [A-Za-z0-9_.-]"),
                args.source(),
                args.optionalString("author"),
                args.optionalString("family"));
        Duration wait = args.waitSeconds(60);
        SubmissionService service = services.submissions().get();
        Submission queued = service.submit(request);
        Submission now =
                wait.isZero() ? queued : service.await(queued.id(), wait).orElse(queued);
        return submission(now);
    }

    private Object getSubmission(Arguments args) throws InterruptedException {
        String id = args.string("id", UUID, "a submission id (a lower-case UUID)");
        Duration wait = args.waitSeconds(0);
        SubmissionService service = services.submissions().get();
        Optional<Submission> found = wait.isZero() ? service.find(id) : service.await(id, wait);
        return submission(found.orElseThrow(
                () -> new BadArgument("id: no submission " + id + "; submit_strategy answers with the id")));
    }

    private static Map<String, Object> submission(Submission s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("submission", s);
        out.put("final", s.status().isFinal());
        if (!s.status().isFinal()) {
            out.put("next", "no verdict yet: call get_submission with id " + s.id() + " and wait_seconds");
        }
        return out;
    }

    private Object runBacktest(Arguments args) throws InterruptedException {
        JsonNode config = args.node("config");
        if (config == null) {
            throw new BadArgument("config is required: a JSON object or YAML text naming a dataset");
        }
        String document;
        BacktestQueue.Format format;
        if (config.isObject()) {
            document = JsonMapper.write(config);
            format = BacktestQueue.Format.JSON;
        } else if (config.isTextual()) {
            document = config.asText();
            format = BacktestQueue.Format.YAML;
        } else {
            throw new BadArgument("config must be a JSON object or YAML text, was a " + typeName(config));
        }
        boolean compare = args.bool("compare", false);
        Duration wait = args.waitSeconds(120);
        BacktestQueue.Submission queued = services.backtests().submit(document, format, compare);
        BacktestStatus status = services.backtests().status(queued.runId());
        long until = System.nanoTime() + wait.toNanos();
        while (!status.isFinal() && System.nanoTime() < until) {
            Thread.sleep(POLL_MILLIS);
            status = services.backtests().status(queued.runId());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", status);
        if (status.status() == RunStatus.COMPLETE) {
            JsonNode report = JsonMapper.read(services.backtests().reportJson(queued.runId()), JsonNode.class);
            out.put("metrics", report.get("metrics"));
            out.put("next", "get_report with run_id " + status.id() + " reads the report's summary");
        } else if (!status.isFinal()) {
            out.put(
                    "next",
                    "still " + status.status() + " after " + wait.toSeconds() + " s: call get_report with run_id "
                            + status.id() + " later");
        }
        return out;
    }

    private Object getReport(Arguments args) {
        String id = args.string("run_id", UUID, "a run id (a lower-case UUID)");
        List<String> sections = args.strings("sections");
        ObjectNode report = split(id).summary();
        if (sections == null) {
            return report;
        }
        Set<String> known = new TreeSet<>();
        report.fieldNames().forEachRemaining(known::add);
        ObjectNode out = JsonMapper.mapper().createObjectNode();
        for (String s : sections) {
            if (!known.contains(s)) {
                throw new BadArgument(
                        "sections must name top-level fields of the report " + known + ", had \"" + s + "\"");
            }
            out.set(s, report.get(s));
        }
        return out;
    }

    private Object getReportPart(Arguments args) {
        String id = args.string("run_id", UUID, "a run id (a lower-case UUID)");
        String pointer = args.optionalString("pointer");
        int offset = args.integer("offset", 0, Integer.MAX_VALUE, 0);
        int limit = args.integer("limit", 1, MAX_PART_PAGE, DEFAULT_PART_PAGE);
        ReportParts.Split split = split(id);
        com.fasterxml.jackson.databind.node.ArrayNode part = split.parts().get(pointer);
        if (part == null) {
            // named so that no pointer reads as a server path (answers drop those to their last segment)
            List<String> top = new ArrayList<>();
            List<String> strategies = new ArrayList<>();
            for (String k : split.parts().keySet()) {
                if (k.startsWith("/strategies/")) {
                    strategies.add(k.substring("/strategies/".length(), k.lastIndexOf('/')));
                } else {
                    top.add(k);
                }
            }
            throw new BadArgument("pointer must be one of the report's omitted parts: " + String.join(", ", top)
                    + " or the confidence_over_time of a strategy " + strategies
                    + " (the pointers get_report lists under omitted), was "
                    + (pointer == null ? "missing" : "\"" + pointer + "\""));
        }
        if (offset > part.size()) {
            throw new BadArgument("offset must be at most the total, " + part.size() + ", was " + offset);
        }
        int end = (int) Math.min(part.size(), (long) offset + limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pointer", pointer);
        List<JsonNode> items = new ArrayList<>(end - offset);
        for (int i = offset; i < end; i++) {
            items.add(part.get(i));
        }
        out.put("items", items);
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("total", part.size());
        out.put("next_offset", end < part.size() ? end : null);
        return out;
    }

    private ReportParts.Split split(String id) {
        String json;
        try {
            json = services.backtests().reportJson(id);
        } catch (UnknownRunException e) {
            throw new BadArgument("run_id: no run " + id + "; run_backtest answers with the id");
        }
        return ReportParts.split(JsonMapper.read(json, JsonNode.class), ApiServer.PREFIX + "/backtests/" + id);
    }

    // ------------------------------------------------------------------ schemas and arguments

    private static String kindProperty() {
        return "{\"type\": \"string\", \"enum\": [\"strategy\", \"combiner\", \"allocator\"], \"description\":"
                + " \"only components of this kind\"}";
    }

    /** A JSON Schema of an object with these properties (in name order), no others allowed. */
    private static String schema(Map<String, String> properties, List<String> required) {
        StringBuilder b = new StringBuilder("{\"type\": \"object\", \"properties\": {");
        Iterator<String> names = new TreeSet<>(properties.keySet()).iterator();
        while (names.hasNext()) {
            String n = names.next();
            b.append('"').append(n).append("\": ").append(properties.get(n));
            if (names.hasNext()) {
                b.append(", ");
            }
        }
        b.append("}, \"required\": [");
        for (int i = 0; i < required.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(required.get(i)).append('"');
        }
        b.append("], \"additionalProperties\": false}");
        String s = b.toString();
        JsonMapper.read(s, JsonNode.class); // a schema that is not JSON is a bug here, found at start-up
        return s;
    }

    private static String label(ComponentKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private static String typeName(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** JSON with markup characters escaped (still valid JSON: they occur only inside strings). */
    private static String escapeMarkup(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** The arguments of one call, read by the rules of the tool's schema. */
    private final class Arguments {
        private final JsonNode tree;

        Arguments(JsonNode tree, String schema) {
            if (!tree.isObject()) {
                throw new BadArgument("the arguments must be a JSON object, were a " + typeName(tree));
            }
            this.tree = tree;
            JsonNode properties = JsonMapper.read(schema, JsonNode.class).get("properties");
            List<String> unknown = new ArrayList<>();
            tree.fieldNames().forEachRemaining(f -> {
                if (!properties.has(f)) {
                    unknown.add(f);
                }
            });
            if (!unknown.isEmpty()) {
                List<String> allowed = new ArrayList<>();
                properties.fieldNames().forEachRemaining(allowed::add);
                throw new BadArgument(unknown.getFirst() + " is not an argument of this tool (additionalProperties is"
                        + " false); its arguments are " + allowed);
            }
        }

        JsonNode node(String field) {
            JsonNode v = tree.get(field);
            return v == null || v.isNull() ? null : v;
        }

        String optionalString(String field) {
            JsonNode v = node(field);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                throw new BadArgument(field + " must be a string, was a " + typeName(v));
            }
            return v.asText();
        }

        String string(String field, Pattern pattern, String rule) {
            String v = optionalString(field);
            if (v == null) {
                throw new BadArgument(field + " is required: " + rule);
            }
            if (!pattern.matcher(v).matches()) {
                throw new BadArgument(field + " must be " + rule + ", was " + quote(v));
            }
            return v;
        }

        String source() {
            String v = optionalString("source");
            if (v == null || v.isBlank()) {
                throw new BadArgument(
                        "source is required: the definition's text, was " + (v == null ? "missing" : "blank"));
            }
            int bytes = v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > SubmissionRequest.MAX_SOURCE_BYTES) {
                throw new BadArgument("source must be at most " + SubmissionRequest.MAX_SOURCE_BYTES
                        + " bytes in UTF-8, was " + bytes + " bytes");
            }
            return v;
        }

        ComponentKind kind() {
            String v = optionalString("kind");
            if (v == null) {
                return null;
            }
            for (ComponentKind k : ComponentKind.values()) {
                if (label(k).equals(v)) {
                    return k;
                }
            }
            throw new BadArgument("kind must be one of strategy, combiner, allocator, was " + quote(v));
        }

        boolean bool(String field, boolean otherwise) {
            JsonNode v = node(field);
            if (v == null) {
                return otherwise;
            }
            if (!v.isBoolean()) {
                throw new BadArgument(field + " must be true or false, was a " + typeName(v));
            }
            return v.asBoolean();
        }

        Duration waitSeconds(long otherwise) {
            long max = services.maxWait().toSeconds();
            JsonNode v = node("wait_seconds");
            if (v == null) {
                return Duration.ofSeconds(Math.min(otherwise, max));
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new BadArgument("wait_seconds must be an integer in 0.." + max + ", was " + v);
            }
            long s = v.asLong();
            if (s < 0 || s > max) {
                throw new BadArgument(
                        "wait_seconds must be an integer in 0.." + max + " (the server's --max-wait)," + " was " + s);
            }
            return Duration.ofSeconds(s);
        }

        int integer(String field, int min, int max, int otherwise) {
            JsonNode v = node(field);
            if (v == null) {
                return otherwise;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
                throw new BadArgument(field + " must be an integer in " + min + ".." + max + ", was " + v);
            }
            return v.asInt();
        }

        List<String> strings(String field) {
            JsonNode v = node(field);
            if (v == null) {
                return null;
            }
            if (!v.isArray()) {
                throw new BadArgument(field + " must be an array of strings, was a " + typeName(v));
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw new BadArgument(field + " must be an array of strings, had a " + typeName(item));
                }
                out.add(item.asText());
            }
            return out;
        }

        private static String quote(String value) {
            String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
            return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
        }
    }
}
