package io.alphaweave.platform.dsl;

import io.alphaweave.api.AlphaNormalizer;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed, schema-checked definition: what the component says about itself, the indicators the
 * host computes for it, and its code.
 *
 * @param file the file name errors are reported against
 * @param source {@code yaml} or {@code js}
 * @param contentHash SHA-256 of the file's text, hex
 * @param info id, kind, version, horizon, description and parameters
 * @param indicators indicators to compute per symbol (strategies only)
 * @param normalize cross-sectional normalisation applied per day to raw alphas, or null for none
 * @param code the JavaScript
 * @param limits the sandbox limits the definition asks for (its {@code limits} block), in file order
 */
record Definition(
        String file,
        String source,
        String contentHash,
        ComponentInfo info,
        List<IndicatorSpec> indicators,
        Normalization normalize,
        Code code,
        List<LimitRequest> limits) {

    Definition {
        indicators = List.copyOf(indicators);
        limits = List.copyOf(limits);
    }

    /**
     * One field of the {@code limits} block.
     *
     * @param field a name from {@link ScriptRuntime.Limits#REQUESTABLE}
     * @param value the requested value, ≥ 0
     * @param line where it is written, 0 when unknown (a module's exports)
     * @param column 1-based column, 0 when unknown
     */
    record LimitRequest(String field, long value, int line, int column) {}

    /** @return the requested limits as field → value */
    Map<String, Long> requestedLimits() {
        Map<String, Long> m = new LinkedHashMap<>();
        limits.forEach(r -> m.put(r.field(), r.value()));
        return m;
    }

    /**
     * One indicator: {@code fn} over the symbol's own bars; values are numbers or {@code $param}
     * references.
     *
     * @param name the name scripts see (multi-output indicators add {@code _upper} etc.)
     * @param fn a native kernel name or a ta4j indicator class name
     * @param input the price field a single-input kernel reads
     * @param args arguments by name (Number, Boolean, String or a {@code $param} reference)
     * @param line where it is declared
     */
    record IndicatorSpec(String name, String fn, String input, Map<String, Object> args, int line) {
        IndicatorSpec {
            args = Map.copyOf(args);
        }
    }

    /**
     * Per day, across symbols: raw alphas → alphas in [-1, 1].
     *
     * @param method the normaliser
     * @param minSymbols fewest symbols with a raw score for the day to have any view: a Long, a
     *     {@code $param} reference, or null for 1
     */
    record Normalization(AlphaNormalizer method, Object minSymbols) {}

    /** A script's code. */
    sealed interface Code permits Expressions, Module {}

    /**
     * YAML: one JavaScript expression (or function body) per role.
     *
     * @param roles role ({@code alpha}, {@code confidence}, {@code buy}, {@code sell}, {@code
     *     combine}, {@code allocate}) → code
     * @param text the YAML file's text, to map script positions back into it
     */
    record Expressions(Map<String, Expr> roles, String text) implements Code {
        Expressions {
            roles = Map.copyOf(roles);
        }
    }

    /**
     * A JavaScript module exporting functions by role.
     *
     * @param text the module source
     * @param roles role → an empty {@link Expr} holding the line where the exported function starts
     *     (0 when unknown)
     */
    record Module(String text, Map<String, Expr> roles) implements Code {
        Module {
            roles = Map.copyOf(roles);
        }
    }

    /** The current parameters with {@code raw} laid over them, validated against the declared specs. */
    Parameters reconfigure(Parameters current, Map<String, ?> raw) {
        Map<String, Object> merged = new LinkedHashMap<>(current.values());
        merged.putAll(raw);
        return info().resolve(merged);
    }

    /**
     * @param role a code role such as {@code alpha}
     * @return the 1-based line where that role's code starts in the file, or 0 when unknown
     */
    int line(String role) {
        Map<String, Expr> roles =
                switch (code) {
                    case Expressions x -> x.roles();
                    case Module m -> m.roles();
                };
        Expr e = roles.get(role);
        return e == null ? 0 : e.line();
    }

    /**
     * An expression and where its text starts in the file.
     *
     * @param code the JavaScript
     * @param line 1-based line of its first character
     */
    record Expr(String code, int line) {}
}
