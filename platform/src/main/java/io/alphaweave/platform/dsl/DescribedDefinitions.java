package io.alphaweave.platform.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.cache.BuildStamp;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Definition files described from a cache instead of loaded: the self-description ({@link
 * ComponentInfo}) of every file that loaded once is kept under {@code <cache dir>/definitions/}, one
 * small JSON file per key, the key being the SHA-256 of the file's bytes, its name and the build of
 * this code. A file whose key is cached becomes a <em>described</em> component that answers {@code
 * describe()} and {@code id()} from the cache and loads the real one (schema, compile, sandbox) on
 * the first call that needs it, from the very bytes that were hashed. So listing the registry or
 * running a plugin strategy starts no JavaScript context at all, and a command that runs one
 * definition loads only that one. Only successful loads are cached (a broken file is loaded, and
 * reported, every time); the lookahead check keeps its own cache of passes. An unreadable or
 * unwritable cache is ignored. Thread-safe.
 */
public final class DescribedDefinitions {
    /** Bumped when the cached description's format or meaning changes. */
    static final String FORMAT = "definition-description-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Supplier<DefinitionLoader> loader;
    private final String build; // null when unknown: nothing is cached then

    /**
     * @param cacheDir the user's cache directory (e.g. {@code ~/.alphaweave}); descriptions go to
     *     its {@code definitions/} folder, created when first needed
     * @param loader the loader used on a miss or when a described component is first used; called
     *     at most once, so an expensive runtime is only started when needed
     */
    public DescribedDefinitions(Path cacheDir, Supplier<DefinitionLoader> loader) {
        this.dir = Objects.requireNonNull(cacheDir, "cacheDir must not be null").resolve("definitions");
        this.loader = memoize(Objects.requireNonNull(loader, "loader must not be null"));
        this.build = BuildStamp.of(DefinitionParser.class).orElse(null);
    }

    /**
     * Describes or loads one definition file.
     *
     * @param file a {@code .yaml}, {@code .yml}, {@code .js} or {@code .mjs} file
     * @return the component, described from the cache when its key is there, else loaded (and its
     *     description stored)
     * @throws DefinitionException with every problem found when the file is loaded and fails
     */
    public DefinitionLoader.Loaded load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > DefinitionLoader.MAX_FILE_BYTES) {
                return loader.get().load(file); // reports the size problem
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return loader.get().load(file); // reports the read problem
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return loader.get().load(file); // reports the encoding problem
        }
        if (build == null) {
            return loader.get().parse(name, text); // no known build to key descriptions on
        }
        String hash = DefinitionLoader.sha256(text);
        String source = name.endsWith(".js") || name.endsWith(".mjs") ? "js" : "yaml";
        Path entry = dir.resolve(
                DefinitionLoader.sha256(FORMAT + "|" + build + "|" + file.getFileName() + "|" + hash) + ".json");
        Optional<ComponentInfo> cached = read(entry);
        if (cached.isPresent()) {
            Object described = described(cached.get(), () -> loader.get().parse(name, text));
            return new DefinitionLoader.Loaded(name, source, hash, described);
        }
        DefinitionLoader.Loaded loaded = loader.get().parse(name, text);
        write(entry, loaded.info());
        return loaded;
    }

    private static Object described(ComponentInfo info, Supplier<DefinitionLoader.Loaded> load) {
        Real real = new Real(info, load);
        return switch (info.kind()) {
            case STRATEGY -> new DescribedStrategy(info, real);
            case COMBINER -> new DescribedCombiner(info, real);
            case ALLOCATOR -> new DescribedAllocator(info, real);
        };
    }

    /** The real component behind a described one, loaded once on first use. */
    private static final class Real {
        private final ComponentInfo info;
        private final Supplier<DefinitionLoader.Loaded> load;
        private volatile Object component;

        Real(ComponentInfo info, Supplier<DefinitionLoader.Loaded> load) {
            this.info = info;
            this.load = load;
        }

        Object get() {
            Object c = component;
            if (c == null) {
                synchronized (this) {
                    c = component;
                    if (c == null) {
                        DefinitionLoader.Loaded loaded = load.get();
                        if (!loaded.info().equals(info)) {
                            throw new AlphaweaveException("the cached description of " + loaded.file()
                                    + " differs from the file as loaded now (" + info.id() + " vs "
                                    + loaded.info().id()
                                    + "); delete the definitions/ folder of the alphaweave cache directory");
                        }
                        c = loaded.component();
                        component = c;
                    }
                }
            }
            return c;
        }
    }

    private record DescribedStrategy(ComponentInfo info, Real real) implements Strategy {
        @Override
        public ComponentInfo describe() {
            return info;
        }

        @Override
        public String id() {
            return info.id();
        }

        private Strategy strategy() {
            return (Strategy) real.get();
        }

        @Override
        public Strategy configure(Map<String, ?> params) {
            return strategy().configure(params);
        }

        @Override
        public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
            return strategy().generateAlphaSignal(context, symbol);
        }

        @Override
        public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
            strategy().generateAlphaSignals(data, out);
        }

        @Override
        public TradeSignal[] generateSignals(MarketView data, int symbol) {
            return strategy().generateSignals(data, symbol);
        }

        @Override
        public double legacyThreshold() {
            return strategy().legacyThreshold();
        }
    }

    private record DescribedCombiner(ComponentInfo info, Real real) implements SignalCombiner {
        @Override
        public ComponentInfo describe() {
            return info;
        }

        @Override
        public String id() {
            return info.id();
        }

        private SignalCombiner combiner() {
            return (SignalCombiner) real.get();
        }

        @Override
        public SignalCombiner configure(Map<String, ?> params) {
            return combiner().configure(params);
        }

        @Override
        public void combine(CombinerInput input, CombinerOutput output) {
            combiner().combine(input, output);
        }

        @Override
        public boolean readsConfidence() {
            return combiner().readsConfidence();
        }
    }

    private record DescribedAllocator(ComponentInfo info, Real real) implements CapitalAllocator {
        @Override
        public ComponentInfo describe() {
            return info;
        }

        @Override
        public String id() {
            return info.id();
        }

        private CapitalAllocator allocator() {
            return (CapitalAllocator) real.get();
        }

        @Override
        public CapitalAllocator configure(Map<String, ?> params) {
            return allocator().configure(params);
        }

        @Override
        public void allocate(AllocationContext context, double[] weights) {
            allocator().allocate(context, weights);
        }
    }

    // ---------------------------------------------------------------- the cache file

    private static Optional<ComponentInfo> read(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(JSON.readTree(entry.toFile())));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // a cache only: load the file instead
        }
    }

    private void write(Path entry, ComponentInfo info) {
        try {
            Files.createDirectories(dir);
            // written whole then moved, so a concurrent reader never sees half a file
            Path tmp = Files.createTempFile(dir, "tmp-", ".json");
            JSON.writeValue(tmp.toFile(), toJson(info));
            Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException unwritable) {
            // a cache only: the file is loaded again next time
        }
    }

    static ObjectNode toJson(ComponentInfo info) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", info.id());
        n.put("kind", info.kind().name());
        n.put("version", info.version());
        n.put("horizonDays", info.horizonDays());
        n.put("summary", info.summary());
        n.put("readme", info.readme());
        ArrayNode params = n.putArray("parameters");
        for (ParameterSpec p : info.parameters()) {
            ObjectNode q = params.addObject();
            q.put("name", p.name());
            q.put("type", p.type().name());
            switch (p.type()) {
                case INT -> q.put("default", ((Number) p.defaultValue()).intValue());
                case DOUBLE -> q.put("default", ((Number) p.defaultValue()).doubleValue());
                case BOOLEAN -> q.put("default", (Boolean) p.defaultValue());
                case STRING -> q.put("default", (String) p.defaultValue());
            }
            if (p.min() != null) {
                q.put("min", p.min());
            }
            if (p.max() != null) {
                q.put("max", p.max());
            }
            q.put("description", p.description());
        }
        return n;
    }

    static ComponentInfo fromJson(JsonNode n) {
        List<ParameterSpec> params = new ArrayList<>();
        for (JsonNode q : n.required("parameters")) {
            ParameterSpec.Type type =
                    ParameterSpec.Type.valueOf(q.required("type").asText());
            JsonNode d = q.required("default");
            Object def =
                    switch (type) {
                        case INT -> d.intValue();
                        case DOUBLE -> d.doubleValue();
                        case BOOLEAN -> d.booleanValue();
                        case STRING -> d.textValue();
                    };
            params.add(new ParameterSpec(
                    q.required("name").asText(),
                    type,
                    def,
                    q.hasNonNull("min") ? q.get("min").doubleValue() : null,
                    q.hasNonNull("max") ? q.get("max").doubleValue() : null,
                    q.required("description").asText()));
        }
        return new ComponentInfo(
                n.required("id").asText(),
                ComponentKind.valueOf(n.required("kind").asText()),
                n.required("version").asText(),
                n.required("horizonDays").intValue(),
                n.required("summary").asText(),
                n.required("readme").asText(),
                params);
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
