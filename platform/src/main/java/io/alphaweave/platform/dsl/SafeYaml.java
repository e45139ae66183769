package io.alphaweave.platform.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one YAML document into a {@link Located} tree, safely: YAML 1.2 core schema (so {@code NO},
 * {@code ON} and {@code 12:30} stay strings), no tags beyond the core ones (no object
 * construction at all — the document is composed, never constructed), duplicate keys rejected, at
 * most {@value #MAX_ALIASES} aliases to collections, nesting at most {@value #MAX_DEPTH} deep, and at
 * most {@value #MAX_CODE_POINTS} code points.
 */
final class SafeYaml {
    static final int MAX_CODE_POINTS = 1 << 20;
    static final int MAX_DEPTH = 64;
    static final int MAX_ALIASES = 20;
    private static final Set<Tag> CORE_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

    private SafeYaml() {}

    static Located read(String file, String text) {
        if (text.length() > MAX_CODE_POINTS) {
            throw problem(
                    file,
                    0,
                    0,
                    "YAML_TOO_LARGE",
                    "the document has " + text.length() + " characters, more than the limit of " + MAX_CODE_POINTS,
                    "a definition is a page of YAML; move data out of it");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
        try {
            checkDepth(file, settings, text);
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                throw problem(file, 1, 1, "YAML_EMPTY", "the document is empty", "start with `id: my_strategy`");
            }
            return convert(file, root.get());
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String msg = String.valueOf(e.getProblem());
            String code = msg.contains("aliases") ? "YAML_ALIAS_LIMIT" : "YAML_SYNTAX";
            String hint = code.equals("YAML_ALIAS_LIMIT")
                    ? "at most " + MAX_ALIASES + " aliases to collections are allowed; write the values out"
                    : "fix the YAML syntax at this position";
            if (e instanceof DuplicateKeyException) {
                code = "YAML_DUPLICATE_KEY";
                hint = "each key may appear once per mapping";
            }
            throw problem(
                    file,
                    mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0),
                    code,
                    (e.getContext() == null ? "" : e.getContext() + ": ") + msg,
                    hint);
        } catch (YamlEngineException e) {
            String msg = String.valueOf(e.getMessage());
            boolean tooLarge = msg.contains("exceeds the limit");
            throw problem(
                    file,
                    0,
                    0,
                    tooLarge ? "YAML_TOO_LARGE" : msg.contains("aliases") ? "YAML_ALIAS_LIMIT" : "YAML_SYNTAX",
                    msg,
                    tooLarge
                            ? "a definition is a page of YAML; move data out of it"
                            : msg.contains("aliases")
                                    ? "at most " + MAX_ALIASES
                                            + " aliases to collections are allowed; write the values out"
                                    : "fix the YAML");
        }
    }

    private static void checkDepth(String file, LoadSettings settings, String text) {
        int depth = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        Mark m = e.getStartMark().orElse(null);
                        throw problem(
                                file,
                                m == null ? 0 : m.getLine() + 1,
                                m == null ? 0 : m.getColumn() + 1,
                                "YAML_TOO_DEEP",
                                "collections are nested more than " + MAX_DEPTH + " levels deep",
                                "a definition needs a handful of levels; flatten the structure");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {}
            }
        }
    }

    private static Located convert(String file, Node node) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        int col = node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
        Tag tag = node.getTag();
        if (!CORE_TAGS.contains(tag)) {
            throw problem(
                    file,
                    line,
                    col,
                    "YAML_TAG",
                    "tag " + tag.getValue() + " is not allowed",
                    "definitions use plain YAML values only; remove the tag");
        }
        if (node instanceof MappingNode m) {
            Map<String, Located> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Located key = convert(file, t.getKeyNode());
                if (!key.isScalar() || key.value() == null) {
                    throw problem(
                            file,
                            key.line(),
                            key.column(),
                            "YAML_KEY",
                            "a mapping key must be a plain scalar, was " + key.typeName(),
                            "use plain names as keys");
                }
                String k = key.raw();
                if (out.containsKey(k)) {
                    throw problem(
                            file,
                            key.line(),
                            key.column(),
                            "YAML_DUPLICATE_KEY",
                            "key \"" + k + "\" appears twice (first on line "
                                    + out.get(k).line() + ")",
                            "each key may appear once per mapping; remove one of them");
                }
                out.put(k, convert(file, t.getValueNode()));
            }
            return new Located(out, null, line, col, line);
        }
        if (node instanceof SequenceNode s) {
            List<Located> out = new ArrayList<>();
            for (Node child : s.getValue()) {
                out.add(convert(file, child));
            }
            return new Located(out, null, line, col, line);
        }
        ScalarNode sc = (ScalarNode) node;
        String raw = sc.getValue();
        boolean block = sc.getScalarStyle() == ScalarStyle.LITERAL || sc.getScalarStyle() == ScalarStyle.FOLDED;
        Object value;
        if (tag.equals(Tag.NULL)) {
            value = null;
        } else if (tag.equals(Tag.BOOL)) {
            value = Boolean.valueOf(raw.toLowerCase(java.util.Locale.ROOT));
        } else if (tag.equals(Tag.INT)) {
            value = parseInt(file, raw, line, col);
        } else if (tag.equals(Tag.FLOAT)) {
            value = parseFloat(raw);
        } else {
            value = raw;
        }
        return new Located(value, raw, line, col, block ? line + 1 : line);
    }

    private static Object parseInt(String file, String raw, int line, int col) {
        try {
            String s = raw.replace("_", "");
            if (s.startsWith("0x")) {
                return Long.parseLong(s.substring(2), 16);
            }
            if (s.startsWith("0o")) {
                return Long.parseLong(s.substring(2), 8);
            }
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw problem(
                    file, line, col, "YAML_NUMBER", "integer " + raw + " is out of range", "use a smaller number");
        }
    }

    private static Double parseFloat(String raw) {
        String s = raw.toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.valueOf(s);
        };
    }

    static DefinitionException problem(String file, int line, int col, String code, String message, String hint) {
        return new DefinitionException(List.of(new DefinitionException.Problem(file, line, col, code, message, hint)));
    }
}
