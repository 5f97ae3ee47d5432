package io.kubeorch.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads inventory YAML into {@link RawInventory}, strictly, reporting every structural problem
 * with its path: unknown keys (at any depth), values of the wrong type (text where a number is
 * expected, a scalar where a list is expected, YAML's unquoted {@code 1.30} read as a number, ...),
 * duplicate keys, aliases, syntax errors.
 *
 * <p>Jackson's data binding alone stops at the first problem, and for records (bound through their
 * constructor) it reports unknown nested keys with a wrong path, so the document is first read as
 * a tree and checked against the raw records' components; only the parts that passed are then bound
 * with {@code FAIL_ON_UNKNOWN_PROPERTIES} and scalar coercion off, as a second wall.
 */
final class InventoryYamlReader {

    /** Far above any real inventory (500 nodes take about 40 KB). */
    static final int MAX_DOCUMENT_CHARACTERS = 1_000_000;

    static final String DOCUMENT = "(document)";

    private final ObjectMapper mapper = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /**
     * @param raw what could be read; null when the document could not be read at all
     * @param errors structural problems, in document order
     * @param badPaths fields whose value was rejected here (and dropped), so that later checks do
     *                 not also report them as missing
     */
    record Result(RawInventory raw, List<InventoryError> errors, Set<String> badPaths) {
    }

    Result read(String yaml) {
        List<InventoryError> errors = new ArrayList<>();
        Set<String> badPaths = new LinkedHashSet<>();
        if (yaml == null || yaml.isBlank()) {
            errors.add(new InventoryError(DOCUMENT,
                    "the inventory is empty; start from docs/example-inventory.yaml"));
            return new Result(null, errors, badPaths);
        }
        if (yaml.length() > MAX_DOCUMENT_CHARACTERS) {
            errors.add(new InventoryError(DOCUMENT, "the inventory has " + yaml.length()
                    + " characters, more than the " + MAX_DOCUMENT_CHARACTERS + " accepted"));
            return new Result(null, errors, badPaths);
        }
        JsonNode tree;
        try {
            rejectAliases(yaml, errors, badPaths);
            tree = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            errors.add(syntaxError(e));
            return new Result(null, errors, badPaths);
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from a string failed", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            errors.add(new InventoryError(DOCUMENT,
                    "the inventory has no content; start from docs/example-inventory.yaml"));
            return new Result(null, errors, badPaths);
        }
        if (!tree.isObject()) {
            errors.add(new InventoryError(DOCUMENT, "the inventory must be a mapping with the keys "
                    + fieldNames(RawInventory.class) + ", but it is " + describe(tree)));
            return new Result(null, errors, badPaths);
        }
        JsonNode checked = conform(tree, RawInventory.class, "", errors, badPaths);
        try {
            return new Result(mapper.treeToValue(checked, RawInventory.class), errors, badPaths);
        } catch (JsonProcessingException e) {
            // Not expected: conform() lets through only what binds. Report rather than crash.
            String path = pathOf(e instanceof JsonMappingException mapping ? mapping.getPath() : List.of());
            errors.add(new InventoryError(path.isEmpty() ? DOCUMENT : path,
                    "cannot be read: " + e.getOriginalMessage()));
            return new Result(null, errors, badPaths);
        }
    }

    /**
     * Jackson's YAML tree reader does not expand aliases ({@code *name}): it would silently read
     * the alias name as a text value. Inventories are short; they do not need them.
     */
    private void rejectAliases(String yaml, List<InventoryError> errors, Set<String> badPaths)
            throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
                    String path = pathOf(parser);
                    String field = path.isEmpty() ? DOCUMENT : path;
                    errors.add(new InventoryError(field, "YAML aliases (*" + parser.getText()
                            + ") are not supported in an inventory; write the value out in full"));
                    badPaths.add(field);
                }
            }
        }
    }

    private JsonNode conform(JsonNode node, Type type, String path, List<InventoryError> errors,
            Set<String> badPaths) {
        if (node.isNull()) {
            return node;
        }
        Class<?> rawType = rawClass(type);
        String problem = null;
        if (rawType == String.class) {
            if (!node.isTextual()) {
                problem = "must be text, but it is " + describe(node) + textHint(node);
            }
        } else if (rawType == Integer.class) {
            if (!node.isIntegralNumber()) {
                problem = "must be a whole number, but it is " + describe(node)
                        + (node.isTextual() && node.asText().matches("[0-9]{1,9}") ? "; write it without quotes" : "");
            } else if (!node.canConvertToInt()) {
                problem = "is far too large: " + node;
            }
        } else if (rawType == Boolean.class) {
            if (!node.isBoolean()) {
                problem = "must be true or false, but it is " + describe(node)
                        + (node.isTextual() && node.asText().matches("(?i)true|false") ? "; write it without quotes" : "");
            }
        } else if (rawType == List.class) {
            if (!node.isArray()) {
                problem = "must be a list, but it is " + describe(node)
                        + (node.isValueNode() ? "; write [" + node.asText() + "] or one '- " + node.asText()
                                + "' line per item" : "");
            } else {
                Type elementType = ((ParameterizedType) type).getActualTypeArguments()[0];
                ArrayNode checked = JsonNodeFactory.instance.arrayNode();
                for (int i = 0; i < node.size(); i++) {
                    JsonNode element = conform(node.get(i), elementType, path + "[" + i + "]", errors, badPaths);
                    checked.add(element == null ? NullNode.getInstance() : element);
                }
                return checked;
            }
        } else if (rawType.isRecord()) {
            if (!node.isObject()) {
                problem = "must be a mapping with the fields " + fieldNames(rawType) + ", but it is "
                        + describe(node);
            } else {
                return conformRecord(node, rawType, path, errors, badPaths);
            }
        } else {
            throw new IllegalStateException("no rule for " + type + " at " + path);
        }
        if (problem == null) {
            return node;
        }
        String field = path.isEmpty() ? DOCUMENT : path;
        errors.add(new InventoryError(field, problem));
        badPaths.add(field);
        return null;
    }

    private ObjectNode conformRecord(JsonNode node, Class<?> recordType, String path,
            List<InventoryError> errors, Set<String> badPaths) {
        Map<String, RecordComponent> components = Arrays.stream(recordType.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, component -> component));
        ObjectNode checked = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            RecordComponent component = components.get(name);
            if (component == null) {
                String suggestion = Text.closest(name, components.keySet())
                        .map(known -> "; did you mean '" + known + "'?")
                        .orElse("");
                String where = path.isEmpty() ? "at the top level" : "in " + path;
                String shownPath = name.matches("[A-Za-z0-9_-]{1,64}")
                        ? fieldPath
                        : (path.isEmpty() ? "" : path + ".") + Text.show(name);
                errors.add(new InventoryError(shownPath,
                        "unknown field " + Text.show(name) + suggestion + " (the fields " + where + " are "
                                + fieldNames(recordType) + ")"));
                continue;
            }
            JsonNode value = conform(field.getValue(), component.getGenericType(), fieldPath, errors, badPaths);
            if (value != null) {
                checked.set(name, value);
            }
        }
        return checked;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalStateException("unsupported type " + type);
    }

    private static String fieldNames(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.joining(", "));
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the text " + Text.show(node.asText());
        }
        if (node.isNumber()) {
            return "the number " + node;
        }
        if (node.isBoolean()) {
            return "the boolean " + node;
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.getNodeType().toString().toLowerCase();
    }

    private static String textHint(JsonNode node) {
        if (node.isNumber()) {
            return "; YAML reads an unquoted " + node + " as a number: put it in quotes, e.g. \"" + node + "\"";
        }
        if (node.isBoolean()) {
            return "; YAML reads unquoted true/false/yes/no/on/off as booleans: put the value in quotes";
        }
        return "";
    }

    private static InventoryError syntaxError(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String where = e.getLocation() != null && e.getLocation().getLineNr() > 0
                ? "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                : "";
        String message;
        if (original.startsWith("Duplicate field '")) {
            String key = original.substring("Duplicate field '".length(), original.indexOf('\'', "Duplicate field '".length()));
            message = where + "the key " + Text.show(key) + " appears twice in the same mapping; keep one";
        } else if (original.startsWith("Trailing token")) {
            message = where + "the inventory must be a single YAML document (remove the second '---' part)";
        } else {
            message = where + "not valid YAML: " + original.replaceAll("\\s+", " ").trim();
        }
        return new InventoryError(DOCUMENT, message);
    }

    /** {@code nodes[1].roles} for the value the parser is at. */
    private static String pathOf(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            context = context.getParent();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject()) {
                parts.push("." + context.getCurrentName());
            } else {
                parts.push("[" + context.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
