package dev.mpc.dsl.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonString;
import java.io.IOException;

/**
 * The JSON front end: Jackson streaming, positions for every object and member, no recursion.
 * Thread-safe (the factory is immutable once configured).
 */
public final class JsonFrontend {
  /** Longest number literal accepted (digits), in chars. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  private final ParseLimits limits;
  private final JsonFactory factory;

  /** A front end enforcing {@code limits}. */
  public JsonFrontend(ParseLimits limits) {
    this.limits = limits;
    int maxLen = (int) Math.min(Integer.MAX_VALUE, limits.maxDocumentChars());
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth() + 1)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(maxLen)
            .maxNameLength(maxLen)
            .maxDocumentLength(-1)
            .build())
        .build();
  }

  /** Parses {@code text} into an AST, or returns null with problems recorded. */
  public ManifestAst parse(String text, Problems problems) {
    PositionedTree t = tree(text, problems);
    return t == null ? null : new TreeNormalizer(problems, limits, t.positions(), "JSON object").normalize(t.root());
  }

  /** Parses {@code text} into values with positions, or returns null with problems recorded. */
  public PositionedTree tree(String text, Problems problems) {
    TreeBuilder tb = new TreeBuilder(problems, limits, Prefixer.JSON);
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        syntax(problems, p.currentLocation(), "Expecting value");
        return null;
      }
      while (true) {
        JsonLocation at = p.currentTokenLocation();
        int line = line(at);
        int col = col(at);
        switch (t) {
          case START_OBJECT -> tb.startObject(line, col, null);
          case START_ARRAY -> tb.startArray(line, col, null);
          case FIELD_NAME -> {
            String name = p.currentName();
            if (JsonString.firstUnpairedSurrogate(name) >= 0) {
              invalid(problems, at, "unpaired surrogate in key");
              return null;
            }
            tb.key(name, line, col);
          }
          case END_OBJECT, END_ARRAY -> {
            JsonLocation end = p.currentLocation();
            tb.end(line(end), col(end));
          }
          case VALUE_STRING -> {
            String s = p.getText();
            if (JsonString.firstUnpairedSurrogate(s) >= 0) {
              invalid(problems, at, "unpaired surrogate in string");
              return null;
            }
            scalar(tb, p, JsonString.of(s), line, col);
          }
          case VALUE_NUMBER_INT -> scalar(tb, p, JsonInt.of(p.getBigIntegerValue()), line, col);
          case VALUE_NUMBER_FLOAT -> {
            double d = p.getDoubleValue();
            if (!Double.isFinite(d)) {
              invalid(problems, at, "number " + abbreviate(p.getText()) + " is out of double range");
              return null;
            }
            scalar(tb, p, new JsonFloat(d), line, col);
          }
          case VALUE_TRUE -> scalar(tb, p, JsonBool.TRUE, line, col);
          case VALUE_FALSE -> scalar(tb, p, JsonBool.FALSE, line, col);
          case VALUE_NULL -> scalar(tb, p, JsonNull.INSTANCE, line, col);
          default -> {
            invalid(problems, at, "unexpected token " + t);
            return null;
          }
        }
        if (tb.done()) {
          break;
        }
        t = p.nextToken();
        if (t == null) {
          syntax(problems, p.currentLocation(), "unexpected end of input");
          return null;
        }
      }
      if (p.nextToken() != null) {
        syntax(problems, p.currentTokenLocation(), "Extra data");
        return null;
      }
    } catch (JsonProcessingException e) {
      syntax(problems, e.getLocation(), firstLine(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      syntax(problems, null, firstLine(e.getMessage()));
      return null;
    }
    return new PositionedTree(tb.root(), tb.positions());
  }

  private static void scalar(TreeBuilder tb, JsonParser p, dev.mpc.json.JsonValue v, int line, int col) {
    JsonLocation end = p.currentLocation();
    tb.scalar(v, line, col, line(end), col(end));
  }

  private static int line(JsonLocation loc) {
    return loc == null ? 1 : Math.max(1, loc.getLineNr());
  }

  private static int col(JsonLocation loc) {
    return loc == null ? 1 : Math.max(1, loc.getColumnNr());
  }

  private static void syntax(Problems problems, JsonLocation loc, String reason) {
    problems.add(Code.E_PARSE_SYNTAX, Prefixer.JSON.prefix(line(loc), col(loc)), reason, line(loc), col(loc));
  }

  private static void invalid(Problems problems, JsonLocation loc, String reason) {
    problems.add(Code.E_PARSE_INVALID_TOKEN, Prefixer.JSON.prefix(line(loc), col(loc)), reason, line(loc), col(loc));
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "malformed input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
