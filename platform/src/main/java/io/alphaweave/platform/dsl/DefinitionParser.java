package io.alphaweave.platform.dsl;

import io.alphaweave.api.AlphaNormalizer;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.platform.indicators.IndicatorKernels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a definition document against the schema ({@code strategies-yaml/schema/definition.schema.json})
 * and builds a {@link Definition}. Collects every problem before failing.
 */
final class DefinitionParser {
    static final Set<String> TOP_LEVEL = Set.of(
            "id",
            "kind",
            "version",
            "description",
            "readme",
            "horizon_days",
            "params",
            "indicators",
            "normalize",
            "alpha",
            "confidence",
            "buy",
            "sell",
            "combine",
            "allocate",
            "limits");
    static final Set<String> ROLES = Set.of("alpha", "confidence", "buy", "sell", "combine", "allocate");
    /**
     * The indicator kernels a definition's {@code fn} may name (besides a ta4j class name): the one
     * list the schema file, the README and the error messages agree with (tests check them).
     */
    static final List<String> NATIVE_KERNELS =
            List.of("sma", "ema", "rsi", "roc", "zscore", "rolling_std", "atr", "bollinger", "macd");
    /** Names the expression scope defines itself; indicators may not take them. */
    static final Set<String> RESERVED =
            Set.of("i", "series", "params", "open", "high", "low", "close", "volume", "day", "clamp");

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    private final String file;
    private final List<DefinitionException.Problem> problems = new ArrayList<>();

    private DefinitionParser(String file) {
        this.file = file;
    }

    /**
     * @param file file name for messages
     * @param root the document
     * @param source {@code yaml} or {@code js}
     * @param hash content hash
     * @param text the file's text; for {@code js} the module, whose code roles are the exported
     *     functions in {@code root} (marked by the string {@code "function"})
     */
    static Definition parse(String file, Located root, String source, String hash, String text) {
        DefinitionParser p = new DefinitionParser(file);
        Definition d = p.build(root, source, hash, text);
        if (!p.problems.isEmpty()) {
            throw new DefinitionException(p.problems);
        }
        return d;
    }

    private void add(Located at, String code, String message, String hint) {
        problems.add(new DefinitionException.Problem(
                file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), code, message, hint));
    }

    private Definition build(Located root, String source, String hash, String text) {
        String module = source.equals("js") ? text : null;
        if (!root.isMap()) {
            add(root, "SCHEMA_TYPE", "the document must be a mapping, was " + root.typeName(), "start with `id: ...`");
            return null;
        }
        Map<String, Located> m = root.map();
        for (Map.Entry<String, Located> e : m.entrySet()) {
            if (!TOP_LEVEL.contains(e.getKey())) {
                add(
                        e.getValue(),
                        "SCHEMA_UNKNOWN_KEY",
                        "unknown key \"" + e.getKey() + "\"",
                        "allowed keys: " + TOP_LEVEL.stream().sorted().toList());
            }
        }
        String id = string(m, "id", true);
        if (id != null && !ID.matcher(id).matches()) {
            add(m.get("id"), "SCHEMA_VALUE", "id must be lower snake_case, was \"" + id + "\"", "e.g. my_strategy_v2");
        }
        String kindText = string(m, "kind", true);
        ComponentKind kind = null;
        if (kindText != null) {
            switch (kindText) {
                case "strategy" -> kind = ComponentKind.STRATEGY;
                case "combiner" -> kind = ComponentKind.COMBINER;
                case "allocator" -> kind = ComponentKind.ALLOCATOR;
                default ->
                    add(
                            m.get("kind"),
                            "SCHEMA_VALUE",
                            "kind must be strategy, combiner or allocator, was \"" + kindText + "\"",
                            "write kind: strategy");
            }
        }
        String version = m.containsKey("version") ? string(m, "version", false) : "1.0.0";
        String description = m.containsKey("description") ? string(m, "description", false) : "";
        String readme = m.containsKey("readme") ? string(m, "readme", false) : "";
        Integer horizon = null;
        if (m.containsKey("horizon_days")) {
            Located h = m.get("horizon_days");
            if (h.value() instanceof Long l && l >= 1 && l <= 10_000) {
                horizon = l.intValue();
            } else {
                add(h, "SCHEMA_VALUE", "horizon_days must be a whole number in [1, 10000], was " + h.raw(), "e.g. 5");
            }
        }
        if (kind == ComponentKind.STRATEGY && horizon == null && !m.containsKey("horizon_days")) {
            add(root, "SCHEMA_MISSING", "a strategy needs horizon_days", "add e.g. `horizon_days: 5`");
        }
        if (kind != null && kind != ComponentKind.STRATEGY && m.containsKey("horizon_days")) {
            add(m.get("horizon_days"), "SCHEMA_UNKNOWN_KEY", "horizon_days applies to strategies only", "remove it");
        }
        List<ParameterSpec> params = params(m.get("params"));
        List<Definition.IndicatorSpec> indicators = indicators(m.get("indicators"), params);
        Definition.Normalization normalize = normalization(m.get("normalize"), params);
        List<Definition.LimitRequest> limits = limits(m.get("limits"));
        Map<String, Definition.Expr> roles = new LinkedHashMap<>();
        for (String role : ROLES) {
            Located r = m.get(role);
            if (r == null) {
                continue;
            }
            if (module != null) {
                if (!"function".equals(r.value())) {
                    add(r, "SCHEMA_TYPE", role + " must be an exported function", "export function " + role + "(...)");
                }
                roles.put(role, new Definition.Expr("", r.line()));
            } else if (r.value() instanceof String s && !s.isBlank()) {
                roles.put(role, new Definition.Expr(s, r.contentLine()));
            } else {
                add(
                        r,
                        "SCHEMA_TYPE",
                        role + " must be a JavaScript expression (a string), was " + r.typeName(),
                        "e.g. " + role + ": \"-bb_z / 2\"");
            }
        }
        if (kind != null) {
            Set<String> allowed =
                    switch (kind) {
                        case STRATEGY -> Set.of("alpha", "confidence", "buy", "sell");
                        case COMBINER -> Set.of("combine");
                        case ALLOCATOR -> Set.of("allocate");
                    };
            String required =
                    switch (kind) {
                        case STRATEGY -> "alpha";
                        case COMBINER -> "combine";
                        case ALLOCATOR -> "allocate";
                    };
            if (!roles.containsKey(required) && !m.containsKey(required)) {
                add(
                        root,
                        "SCHEMA_MISSING",
                        "a " + kindText + " needs `" + required + "`",
                        module != null
                                ? "export function " + required + "(...)"
                                : "add `" + required + ": <expression>`");
            }
            for (String role : roles.keySet()) {
                if (!allowed.contains(role)) {
                    add(m.get(role), "SCHEMA_UNKNOWN_KEY", role + " does not apply to a " + kindText, "remove it");
                }
            }
            if (kind != ComponentKind.STRATEGY && (!indicators.isEmpty() || normalize != null)) {
                add(
                        m.get("indicators"),
                        "SCHEMA_UNKNOWN_KEY",
                        "indicators and normalize apply to strategies only",
                        "remove them");
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        ComponentInfo info;
        try {
            info = new ComponentInfo(
                    id, kind, version, kind == ComponentKind.STRATEGY ? horizon : 0, description, readme, params);
        } catch (AlphaweaveException e) {
            add(root, "SCHEMA_VALUE", e.getMessage(), "fix the value named");
            return null;
        }
        Definition.Code code =
                module != null ? new Definition.Module(module, roles) : new Definition.Expressions(roles, text);
        return new Definition(file, source, hash, info, indicators, normalize, code, limits);
    }

    private Definition.Normalization normalization(Located node, List<ParameterSpec> params) {
        if (node == null) {
            return null;
        }
        Located method = node;
        Object minSymbols = null;
        if (node.isMap()) {
            method = node.map().get("method");
            for (String k : node.map().keySet()) {
                if (!k.equals("method") && !k.equals("min_symbols")) {
                    add(
                            node.map().get(k),
                            "SCHEMA_UNKNOWN_KEY",
                            "unknown key \"" + k + "\" in normalize",
                            "allowed: method, min_symbols");
                }
            }
            Located min = node.map().get("min_symbols");
            if (min != null) {
                if (min.value() instanceof Long l && l >= 1) {
                    minSymbols = l;
                } else if (min.value() instanceof String s
                        && s.startsWith("$")
                        && params.stream().anyMatch(p -> p.name().equals(s.substring(1)))) {
                    minSymbols = s;
                } else {
                    add(
                            min,
                            "SCHEMA_VALUE",
                            "normalize.min_symbols must be a whole number ≥ 1 or a $param, was " + min.raw(),
                            "e.g. min_symbols: 5");
                }
            }
        }
        if (method == null || !(method.value() instanceof String n)) {
            add(
                    node,
                    "SCHEMA_VALUE",
                    "normalize needs a method (none, z_score, min_max, rank or tanh)",
                    "normalize: rank");
            return null;
        }
        if (n.equals("none")) {
            return null;
        }
        try {
            return new Definition.Normalization(AlphaNormalizer.valueOf(n.toUpperCase(Locale.ROOT)), minSymbols);
        } catch (IllegalArgumentException e) {
            add(
                    method,
                    "SCHEMA_VALUE",
                    "normalize must be none, z_score, min_max, rank or tanh, was \"" + n + "\"",
                    "rank turns raw scores into cross-sectional ranks in [-1, 1]");
            return null;
        }
    }

    private List<Definition.LimitRequest> limits(Located node) {
        List<Definition.LimitRequest> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isMap()) {
            add(
                    node,
                    "SCHEMA_TYPE",
                    "limits must be a mapping of " + ScriptRuntime.Limits.REQUESTABLE + " to whole numbers, was "
                            + node.typeName(),
                    "limits: {statements_per_item: 5000}");
            return out;
        }
        for (Map.Entry<String, Located> e : node.map().entrySet()) {
            Located v = e.getValue();
            if (!ScriptRuntime.Limits.REQUESTABLE.contains(e.getKey())) {
                add(
                        v,
                        "SCHEMA_UNKNOWN_KEY",
                        "unknown key \"" + e.getKey() + "\" in limits",
                        "allowed: " + ScriptRuntime.Limits.REQUESTABLE);
            } else if (v.value() instanceof Long l && l >= 0) {
                out.add(new Definition.LimitRequest(e.getKey(), l, v.line(), v.column()));
            } else {
                add(
                        v,
                        "SCHEMA_VALUE",
                        "limits." + e.getKey() + " must be a whole number ≥ 0, was " + v.raw(),
                        "e.g. statements_per_item: 5000");
            }
        }
        return out;
    }

    private String string(Map<String, Located> m, String key, boolean required) {
        Located v = m.get(key);
        if (v == null) {
            if (required) {
                add(null, "SCHEMA_MISSING", "missing required key \"" + key + "\"", "add `" + key + ": ...`");
            }
            return null;
        }
        if (!v.isScalar() || v.value() == null) {
            add(v, "SCHEMA_TYPE", key + " must be a string, was " + v.typeName(), "quote it");
            return null;
        }
        // the schema says string: the text as written, whatever YAML would resolve it to
        return v.raw() != null ? v.raw() : String.valueOf(v.value());
    }

    private List<ParameterSpec> params(Located node) {
        List<ParameterSpec> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isMap()) {
            add(
                    node,
                    "SCHEMA_TYPE",
                    "params must be a mapping name → {type, default, min, max}, was " + node.typeName(),
                    "params: {window: {type: int, default: 20, min: 2, max: 250}}");
            return out;
        }
        for (Map.Entry<String, Located> e : node.map().entrySet()) {
            String name = e.getKey();
            Located p = e.getValue();
            if (!NAME.matcher(name).matches()) {
                add(p, "SCHEMA_VALUE", "parameter name must match [a-z_][a-z0-9_]*, was \"" + name + "\"", "rename it");
                continue;
            }
            if (!p.isMap()) {
                add(
                        p,
                        "SCHEMA_TYPE",
                        "parameter " + name + " must be a mapping {type, default, ...}, was " + p.typeName(),
                        name + ": {type: int, default: 20}");
                continue;
            }
            Map<String, Located> pm = p.map();
            for (String k : pm.keySet()) {
                if (!Set.of("type", "default", "min", "max", "description").contains(k)) {
                    add(
                            pm.get(k),
                            "SCHEMA_UNKNOWN_KEY",
                            "unknown key \"" + k + "\" in parameter " + name,
                            "allowed: type, default, min, max, description");
                }
            }
            Located t = pm.get("type");
            ParameterSpec.Type type = null;
            if (t == null || !(t.value() instanceof String ts)) {
                add(
                        t == null ? p : t,
                        "SCHEMA_MISSING",
                        "parameter " + name + " needs a type",
                        "type: int | double | boolean | string");
                continue;
            }
            switch (ts) {
                case "int" -> type = ParameterSpec.Type.INT;
                case "double" -> type = ParameterSpec.Type.DOUBLE;
                case "boolean" -> type = ParameterSpec.Type.BOOLEAN;
                case "string" -> type = ParameterSpec.Type.STRING;
                default -> {
                    add(
                            t,
                            "SCHEMA_VALUE",
                            "type of parameter " + name + " must be int, double, boolean or string, was \"" + ts + "\"",
                            "type: int");
                    continue;
                }
            }
            Located def = pm.get("default");
            if (def == null) {
                add(p, "SCHEMA_MISSING", "parameter " + name + " needs a default", "default: ...");
                continue;
            }
            Object dv = type == ParameterSpec.Type.STRING ? (def.raw() != null ? def.raw() : def.value()) : def.value();
            Double min = number(pm.get("min"), name + ".min");
            Double max = number(pm.get("max"), name + ".max");
            String description = pm.containsKey("description")
                    ? String.valueOf(pm.get("description").raw())
                    : "";
            try {
                out.add(new ParameterSpec(name, type, dv, min, max, description));
            } catch (AlphaweaveException ex) {
                add(def, "SCHEMA_VALUE", "parameter " + ex.getMessage(), "make the default satisfy type, min and max");
            } catch (NullPointerException ex) {
                add(def, "SCHEMA_VALUE", "parameter " + name + ": default must not be null", "give a value");
            }
        }
        return out;
    }

    private Double number(Located v, String what) {
        if (v == null) {
            return null;
        }
        if (v.value() instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        add(v, "SCHEMA_TYPE", what + " must be a finite number, was " + v.raw(), "e.g. 2");
        return null;
    }

    private List<Definition.IndicatorSpec> indicators(Located node, List<ParameterSpec> params) {
        List<Definition.IndicatorSpec> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isMap()) {
            add(
                    node,
                    "SCHEMA_TYPE",
                    "indicators must be a mapping name → {fn, ...}, was " + node.typeName(),
                    "indicators: {bb: {fn: bollinger, window: 20, k: 2}}");
            return out;
        }
        Set<String> paramNames = new java.util.HashSet<>();
        params.forEach(p -> paramNames.add(p.name()));
        for (Map.Entry<String, Located> e : node.map().entrySet()) {
            String name = e.getKey();
            Located ind = e.getValue();
            if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
                add(
                        ind,
                        "SCHEMA_VALUE",
                        "indicator name \"" + name + "\" is not allowed (must match [a-z_][a-z0-9_]* and not be one of "
                                + RESERVED.stream().sorted().toList() + ")",
                        "rename it");
                continue;
            }
            if (!ind.isMap()
                    || !(ind.map().get("fn") != null && ind.map().get("fn").value() instanceof String)) {
                add(
                        ind,
                        "SCHEMA_MISSING",
                        "indicator " + name + " needs fn: <kernel or ta4j indicator>",
                        "e.g. {fn: rsi, window: 14}; kernels: " + NATIVE_KERNELS);
                continue;
            }
            String fnName = (String) ind.map().get("fn").value();
            if (!NATIVE_KERNELS.contains(fnName) && !IndicatorKernels.isTa4jIndicator(fnName)) {
                add(
                        ind.map().get("fn"),
                        "SCHEMA_VALUE",
                        "indicator " + name + " has an unknown fn \"" + fnName + "\"",
                        "use a kernel " + NATIVE_KERNELS
                                + " or a ta4j indicator class name such as CCIIndicator or WilliamsRIndicator");
                continue;
            }
            Map<String, Object> args = new LinkedHashMap<>();
            String fn = (String) ind.map().get("fn").value();
            String input = "close";
            for (Map.Entry<String, Located> a : ind.map().entrySet()) {
                String k = a.getKey();
                Object v = a.getValue().value();
                if (k.equals("fn")) {
                    continue;
                }
                if (k.equals("input")) {
                    if (!(v instanceof String s)
                            || !Set.of("open", "high", "low", "close", "volume").contains(s)) {
                        add(
                                a.getValue(),
                                "SCHEMA_VALUE",
                                "input of " + name + " must be open, high, low, close or volume",
                                "input: close");
                    } else {
                        input = s;
                    }
                    continue;
                }
                if (v instanceof String s && s.startsWith("$")) {
                    if (!paramNames.contains(s.substring(1))) {
                        add(
                                a.getValue(),
                                "SCHEMA_VALUE",
                                "indicator " + name + "." + k + " refers to unknown parameter " + s,
                                "declare it under params or use a number");
                    }
                } else if (!(v instanceof Number) && !(v instanceof Boolean) && !(v instanceof String)) {
                    add(
                            a.getValue(),
                            "SCHEMA_TYPE",
                            "indicator " + name + "." + k + " must be a number, boolean, string or" + " $param, was "
                                    + a.getValue().typeName(),
                            "e.g. window: 14");
                }
                args.put(k, v);
            }
            out.add(new Definition.IndicatorSpec(name, fn, input, args, ind.line()));
        }
        return out;
    }
}
