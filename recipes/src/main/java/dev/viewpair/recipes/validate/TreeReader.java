package dev.viewpair.recipes.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON text into a {@link PosNode} tree with Jackson's streaming parser, which reports
 * where every token starts. Syntax errors, duplicate keys and YAML aliases become problems.
 */
final class TreeReader {
    /** The file formats, by file name extension. */
    enum Format {
        YAML, JSON;

        /** The format of a file name, or {@code null} when its extension is neither. */
        static Format of(String fileName) {
            var lower = fileName.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                return YAML;
            }
            return lower.endsWith(".json") ? JSON : null;
        }
    }

    private static final YAMLFactory YAML_FACTORY = new YAMLFactory();
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final Problems problems;

    private TreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The tree of the text, or {@code null} when it cannot be parsed (the problem is reported). */
    static PosNode read(String text, Format format, Problems problems) {
        var factory = format == Format.YAML ? YAML_FACTORY : JSON_FACTORY;
        try (var parser = factory.createParser(text)) {
            return new TreeReader(problems).document(parser, format);
        } catch (JsonProcessingException e) {
            new TreeReader(problems).syntaxProblem(e, format);
            return null;
        } catch (IOException e) {
            // reading from a String fails only through the parser, above
            problems.addFile("cannot read the recipe: " + e.getMessage(), "check that the file is " + format + " text");
            return null;
        }
    }

    private PosNode document(JsonParser parser, Format format) throws IOException {
        if (parser.nextToken() == null) {
            problems.addFile("the recipe file is empty", "write a " + format + " map with name, dataset, views, encoders and pairs");
            return null;
        }
        var root = value(parser);
        if (parser.nextToken() != null) {
            var at = parser.currentTokenLocation();
            problems.add(at.getLineNr(), at.getColumnNr(), "the recipe file holds more than one document",
                    format == Format.YAML ? "remove the second '---' and what follows it" : "remove what follows the closing '}'");
        }
        return root;
    }

    private PosNode value(JsonParser p) throws IOException {
        var at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        var token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                var entries = new LinkedHashMap<String, PosNode.Entry>();
                while (next(p) == JsonToken.FIELD_NAME) {
                    var keyAt = p.currentTokenLocation();
                    var key = p.currentName();
                    next(p);
                    var entry = new PosNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value(p));
                    var first = entries.putIfAbsent(key, entry);
                    if (first != null) {
                        problems.add(entry, "duplicate key '" + key + "' (first written at line " + first.line()
                                + ", column " + first.column() + ")", "keep one of them");
                    }
                }
                return new PosNode.Mapping(entries, line, column);
            }
            case START_ARRAY -> {
                var items = new ArrayList<PosNode>();
                while (next(p) != JsonToken.END_ARRAY) {
                    items.add(value(p));
                }
                return new PosNode.Sequence(items, line, column);
            }
            case VALUE_STRING -> {
                if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    problems.add(line, column, "YAML aliases ('*" + p.getText() + "') are not supported in recipes",
                            "write the value out; for a view, use like: <view>");
                }
                return new PosNode.Scalar(p.getText(), line, column);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new PosNode.Scalar(number(p.getNumberValue()), line, column);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new PosNode.Scalar(token == JsonToken.VALUE_TRUE, line, column);
            }
            case VALUE_NULL -> {
                return new PosNode.Scalar(null, line, column);
            }
            default -> {
                problems.add(line, column, "unsupported value '" + p.getText() + "'", "write a number, text, list or map");
                return new PosNode.Scalar(null, line, column);
            }
        }
    }

    /** The next token; the parsers report a truncated file themselves, this guards the loops anyway. */
    private static JsonToken next(JsonParser p) throws IOException {
        var token = p.nextToken();
        if (token == null) {
            throw new JsonParseException(p, "unexpected end of file");
        }
        return token;
    }

    /** Integers as {@code Integer} or {@code Long}, everything else as {@code Double}. */
    private static Number number(Number n) {
        if (n instanceof Integer || n instanceof Long) {
            return n;
        }
        if (n instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        return n.doubleValue();
    }

    private void syntaxProblem(JsonProcessingException e, Format format) {
        if (e.getCause() instanceof MarkedYAMLException yaml && (yaml.getProblemMark() != null || yaml.getContextMark() != null)) {
            var mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
            var context = yaml.getContext();
            var contextMark = yaml.getContextMark();
            var message = new StringBuilder("YAML syntax error: ").append(yaml.getProblem());
            if (context != null && contextMark != null) {
                message.append(" (").append(context).append(" at line ").append(contextMark.getLine() + 1)
                        .append(", column ").append(contextMark.getColumn() + 1).append(')');
            }
            problems.add(mark.getLine() + 1, mark.getColumn() + 1, message.toString(), yamlHint(context, yaml.getProblem()));
            return;
        }
        var at = e.getLocation();
        // Jackson's own message, without the source description it may embed
        var message = format + " syntax error: " + e.getOriginalMessage().lines().findFirst().orElse("")
                .replaceAll("\\[Source: [^;]*; ", "[").trim();
        var hint = format == Format.JSON
                ? "check commas, quotes and closing brackets (JSON allows no comments and no trailing commas)"
                : yamlHint(null, e.getOriginalMessage());
        if (at == null || at.getLineNr() < 1) {
            problems.addFile(message, hint);
        } else {
            problems.add(at.getLineNr(), at.getColumnNr(), message, hint);
        }
    }

    private static String yamlHint(String context, String problem) {
        var c = context == null ? "" : context;
        var p = problem == null ? "" : problem;
        if (p.contains("TAB")) {
            return "indent with spaces, not tabs";
        }
        if (c.contains("flow sequence")) {
            return "close the '[' with ']' and separate its items with commas";
        }
        if (c.contains("flow mapping")) {
            return "close the '{' with '}' and separate its entries with commas";
        }
        if (c.contains("quoted scalar")) {
            return "close the quote";
        }
        if (p.contains("mapping values are not allowed")) {
            return "check the indentation: keys of one map start in the same column; quote a value that holds ': '";
        }
        return "check the indentation, and that every bracket and quote is closed";
    }
}
