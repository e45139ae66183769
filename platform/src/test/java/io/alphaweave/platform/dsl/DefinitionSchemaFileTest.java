package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON Schema shipped for editors and LLMs describes exactly what the loader accepts. */
class DefinitionSchemaFileTest {
    private static final Path SCHEMA = Path.of(System.getProperty("user.dir"))
            .resolve("../strategies-yaml/schema/definition.schema.json")
            .normalize();

    @Test
    void listsTheLoadersTopLevelKeysKernelsAndReservedNames() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        Set<String> keys = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(DefinitionParser.TOP_LEVEL);
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        Set<String> reserved = new HashSet<>();
        schema.at("/properties/indicators/propertyNames/not/enum").forEach(n -> reserved.add(n.asText()));
        assertThat(reserved).isEqualTo(DefinitionParser.RESERVED);
        List<String> kernels = new ArrayList<>();
        schema.at("/properties/indicators/additionalProperties/properties/fn/anyOf/0/enum")
                .forEach(n -> kernels.add(n.asText()));
        assertThat(kernels).isEqualTo(DefinitionParser.NATIVE_KERNELS);
        Set<String> limits = new HashSet<>();
        schema.at("/properties/limits/properties").fieldNames().forEachRemaining(limits::add);
        assertThat(limits).containsExactlyInAnyOrderElementsOf(ScriptRuntime.Limits.REQUESTABLE);
    }

    @Test
    void theReadmeNamesTheSameKernelsAsTheCode() throws Exception {
        String row = Files.readAllLines(SCHEMA.getParent().getParent().resolve("README.md")).stream()
                .filter(l -> l.startsWith("| `indicators` |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no indicators row"));
        // the kernels are the back-quoted names outside the parentheses that list their arguments
        String kernelPart = row.substring(row.indexOf("native kernel"), row.indexOf("or a ta4j"))
                .replaceAll("\\([^)]*\\)", "");
        List<String> named = new ArrayList<>();
        Matcher m = Pattern.compile("`([a-z_]+)`").matcher(kernelPart);
        while (m.find()) {
            if (!named.contains(m.group(1))) {
                named.add(m.group(1));
            }
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(DefinitionParser.NATIVE_KERNELS);
    }

    @Test
    void loadsEveryShippedDefinition() throws Exception {
        Path root = SCHEMA.getParent().getParent();
        try (var files = java.nio.file.Files.walk(root)) {
            var defs = files.filter(p -> p.toString().matches(".*/(strategies|combiners|allocators)/[^/]+\\.(yaml|js)"))
                    .toList();
            assertThat(defs).hasSizeGreaterThanOrEqualTo(10);
            for (Path p : defs) {
                DefinitionLoader.Loaded loaded = DefinitionLoader.shared().load(p);
                String dir = p.getParent().getFileName().toString();
                String expected =
                        switch (loaded.kind()) {
                            case STRATEGY -> "strategies";
                            case COMBINER -> "combiners";
                            case ALLOCATOR -> "allocators";
                        };
                assertThat(dir).as(p.toString()).isEqualTo(expected);
            }
        }
    }
}
