package io.alphaweave.platform.dsl;

import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.Strategy;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.graalvm.polyglot.Value;

/**
 * Turns definition files — YAML ({@code .yaml}/{@code .yml}) or JavaScript modules ({@code .js}/{@code
 * .mjs}) — into ordinary {@link Strategy}, {@link SignalCombiner} and {@link CapitalAllocator}
 * instances. Loading checks the YAML safely, checks the schema and compiles the script in the
 * sandbox; every problem is reported in a {@link DefinitionException}. Thread-safe.
 *
 * <p>The format is documented in {@code strategies-yaml/README.md} and {@code
 * strategies-yaml/schema/definition.schema.json}.
 */
public final class DefinitionLoader {
    /** The largest definition file accepted, in bytes. */
    public static final long MAX_FILE_BYTES = SafeYaml.MAX_CODE_POINTS;

    private final ScriptRuntime runtime;

    /**
     * A loaded definition.
     *
     * @param file the file name as given
     * @param source {@code yaml} or {@code js}
     * @param contentHash SHA-256 of the file's text, lower-case hex
     * @param component a {@link Strategy}, {@link SignalCombiner} or {@link CapitalAllocator}
     *     according to {@code info().kind()}, configured with the declared defaults
     */
    public record Loaded(String file, String source, String contentHash, Object component) {
        /** Checks the component is one of the three SPI types. */
        public Loaded {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(contentHash, "contentHash");
            if (!(component instanceof Strategy
                    || component instanceof SignalCombiner
                    || component instanceof CapitalAllocator)) {
                throw new IllegalArgumentException("component must be a Strategy, SignalCombiner or CapitalAllocator");
            }
        }

        /** @return the component's self-description */
        public ComponentInfo info() {
            return switch (component) {
                case Strategy s -> s.describe();
                case SignalCombiner c -> c.describe();
                case CapitalAllocator a -> a.describe();
                default -> throw new IllegalStateException("unreachable");
            };
        }

        /** @return the component's id */
        public String id() {
            return info().id();
        }

        /** @return the component's kind */
        public ComponentKind kind() {
            return info().kind();
        }

        /**
         * Where a code role starts in the file, for error locations.
         *
         * @param role {@code alpha}, {@code confidence}, {@code buy}, {@code sell}, {@code combine}
         *     or {@code allocate}
         * @return the 1-based line of the role's YAML expression or exported JavaScript function, or
         *     0 when the definition has no such role
         */
        public int line(String role) {
            Definition def =
                    switch (component) {
                        case ScriptedStrategy s -> s.definition();
                        case ScriptedCombiner c -> c.definition();
                        case ScriptedAllocator a -> a.definition();
                        default -> null;
                    };
            return def == null ? 0 : def.line(role);
        }
    }

    /**
     * @param runtime the script runtime components run in
     */
    public DefinitionLoader(ScriptRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
    }

    /** @return a loader on {@link ScriptRuntime#shared()} */
    public static DefinitionLoader shared() {
        return new DefinitionLoader(ScriptRuntime.shared());
    }

    /**
     * Loads one file.
     *
     * @param file a {@code .yaml}, {@code .yml}, {@code .js} or {@code .mjs} file
     * @return the component
     * @throws DefinitionException with every problem found
     */
    public Loaded load(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw SafeYaml.problem(
                        name,
                        0,
                        0,
                        "FILE_TOO_LARGE",
                        "the file has " + size + " bytes, more than the limit of " + MAX_FILE_BYTES,
                        "a definition is a page of YAML or JavaScript; move data out of it");
            }
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            return parse(name, text);
        } catch (CharacterCodingException e) {
            throw SafeYaml.problem(name, 0, 0, "FILE_ENCODING", "the file is not UTF-8", "save it as UTF-8");
        } catch (IOException e) {
            throw SafeYaml.problem(
                    name, 0, 0, "FILE_READ", "cannot read the file: " + e.getMessage(), "check the path");
        }
    }

    /**
     * Loads a definition from text; the file name's extension says YAML or JavaScript.
     *
     * @param fileName the name used in messages; {@code .js}/{@code .mjs} means a module, anything
     *     else YAML
     * @param text the content
     * @return the component
     * @throws DefinitionException with every problem found
     */
    public Loaded parse(String fileName, String text) {
        String hash = sha256(text);
        boolean module = fileName.endsWith(".js") || fileName.endsWith(".mjs");
        Definition def;
        if (module) {
            Located exports = readModule(fileName, text);
            def = DefinitionParser.parse(fileName, exports, "js", hash, text);
            checkLimits(def);
        } else {
            Located root = SafeYaml.read(fileName, text);
            def = DefinitionParser.parse(fileName, root, "yaml", hash, text);
            checkLimits(def);
            compileCheck(def);
        }
        Object component =
                switch (def.info().kind()) {
                    case STRATEGY -> new ScriptedStrategy(def, def.info().resolve(Map.of()), runtime);
                    case COMBINER -> new ScriptedCombiner(def, def.info().resolve(Map.of()), runtime);
                    case ALLOCATOR -> new ScriptedAllocator(def, def.info().resolve(Map.of()), runtime);
                };
        return new Loaded(fileName, def.source(), hash, component);
    }

    /** A definition's {@code limits} block must stay under the operator's ceiling. */
    private void checkLimits(Definition def) {
        List<DefinitionException.Problem> problems = new ArrayList<>();
        Map<String, Long> ceiling = runtime.ceiling().requestable();
        for (Definition.LimitRequest r : def.limits()) {
            try {
                runtime.limitsFor(Map.of(r.field(), r.value()));
            } catch (ScriptRuntime.LimitRequestException e) {
                problems.add(new DefinitionException.Problem(
                        def.file(),
                        r.line(),
                        r.column(),
                        "LIMIT_OVER_CEILING",
                        e.getMessage(),
                        "the ceiling of limits." + r.field() + " is " + ceiling.get(r.field())
                                + "; make the script cheaper, or ask the operator to raise the ceiling"));
            }
        }
        if (!problems.isEmpty()) {
            throw new DefinitionException(problems);
        }
    }

    private void compileCheck(Definition def) {
        List<String> names = def.info().kind() == ComponentKind.STRATEGY
                ? new ScriptedStrategy(def, def.info().resolve(Map.of()), runtime).seriesNames()
                : List.of();
        try (Sandbox sb = runtime.open(def.file())) {
            ScriptCode.bind(def, sb, names, false);
        } catch (ScriptException e) {
            throw new DefinitionException(List.of(new DefinitionException.Problem(
                    def.file(),
                    e.line(),
                    e.column(),
                    e instanceof SandboxViolationException ? "SANDBOX_LIMIT" : "JS_SYNTAX",
                    e.detail(),
                    "fix the JavaScript expression at this line")));
        }
    }

    private Located readModule(String fileName, String text) {
        try (Sandbox sb = runtime.open(fileName)) {
            Value ns = sb.eval(fileName, text, true);
            return sb.guard(() -> {
                Map<String, Located> out = new LinkedHashMap<>();
                // a module namespace does not list its exports: ask for each key the schema knows
                java.util.Set<String> keys = new java.util.TreeSet<>(DefinitionParser.TOP_LEVEL);
                keys.addAll(ns.getMemberKeys());
                for (String key : keys) {
                    if (!ns.hasMember(key)) {
                        continue;
                    }
                    Value v = ns.getMember(key);
                    if (v.canExecute()) {
                        var loc = v.getSourceLocation();
                        out.put(
                                key,
                                new Located(
                                        "function",
                                        "function",
                                        loc == null ? 0 : loc.getStartLine(),
                                        loc == null ? 0 : loc.getStartColumn(),
                                        0));
                    } else {
                        out.put(key, toLocated(fileName, v, 0));
                    }
                }
                return new Located(out, null, 0, 0, 0);
            });
        } catch (ScriptException e) {
            throw new DefinitionException(List.of(new DefinitionException.Problem(
                    fileName,
                    e.line(),
                    e.column(),
                    e instanceof SandboxViolationException ? "SANDBOX_LIMIT" : "JS_ERROR",
                    e.detail(),
                    "fix the module so it evaluates and exports plain values and functions")));
        }
    }

    private static Located toLocated(String file, Value v, int depth) {
        if (depth > SafeYaml.MAX_DEPTH) {
            throw SafeYaml.problem(file, 0, 0, "SCHEMA_TOO_DEEP", "exported values nest too deeply", "flatten them");
        }
        if (v.isNull()) {
            return new Located(null, "null", 0, 0, 0);
        }
        if (v.isBoolean()) {
            return new Located(v.asBoolean(), String.valueOf(v.asBoolean()), 0, 0, 0);
        }
        if (v.isString()) {
            return new Located(v.asString(), v.asString(), 0, 0, 0);
        }
        if (v.isNumber()) {
            Object n = v.fitsInLong() ? (Object) v.asLong() : (Object) v.asDouble();
            return new Located(n, String.valueOf(n), 0, 0, 0);
        }
        if (v.hasArrayElements()) {
            long size = v.getArraySize();
            if (size > 10_000) {
                throw SafeYaml.problem(
                        file, 0, 0, "SCHEMA_TOO_LARGE", "an exported array has " + size + " elements", "export less");
            }
            List<Located> out = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                out.add(toLocated(file, v.getArrayElement(i), depth + 1));
            }
            return new Located(out, null, 0, 0, 0);
        }
        if (v.hasMembers()) {
            Map<String, Located> out = new LinkedHashMap<>();
            for (String k : v.getMemberKeys()) {
                out.put(k, toLocated(file, v.getMember(k), depth + 1));
            }
            return new Located(out, null, 0, 0, 0);
        }
        return new Located(v.toString(), v.toString(), 0, 0, 0);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
