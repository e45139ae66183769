package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
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
        String fnDoc = schema.at("/properties/indicators/additionalProperties/properties/fn/description")
                .asText();
        for (String kernel : DefinitionParser.NATIVE_KERNELS) {
            assertThat(fnDoc).contains(kernel);
        }
    }

    @Test
    void loadsEveryShippedDefinition() throws Exception {
        Path root = SCHEMA.getParent().getParent();
        try (var files = java.nio.file.Files.walk(root)) {
            var defs = files.filter(p -> p.toString().matches(".*/(strategies|combiners|allocators)/[^/]+\\.(yaml|js)"))
                    .toList();
            assertThat(defs).hasSizeGreaterThanOrEqualTo(9);
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
