package dev.mpc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.json.internal.JsonMessages;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into {@link JsonValue}s and writes them back.
 *
 * <p>Reading keeps what MPC's canonical form needs: a number token with {@code .}, {@code e} or
 * {@code E} becomes a {@link JsonFloat}, any other an arbitrary-precision {@link JsonInt}. A key
 * repeated in one object is refused ({@code E_PARSE_INVALID_TOKEN}): readers keeping the first and
 * readers keeping the last member would see different documents. Every problem (syntax, trailing
 * data, {@code NaN}, repeated keys, numbers out of double range, unpaired surrogates, limits) is a
 * {@link Diagnostic} with code {@code E_PARSE_SYNTAX} or {@code E_PARSE_INVALID_TOKEN}, the line
 * and column, and a message in MPC's words (naming the {@link JsonLimits} setting for a limit),
 * never an exception. Lines end at CR, LF or CRLF. Nesting is processed without recursion.
 *
 * <p>Thread-safe (stateless).
 */
public final class Json {
  private Json() {}

  /** Parses {@code text} with the default {@link JsonLimits}. */
  public static Result<JsonValue> parse(String text) {
    return parse(text, JsonLimits.defaults());
  }

  /** Parses {@code text}. */
  public static Result<JsonValue> parse(String text, JsonLimits limits) {
    if (text.length() > limits.maxDocumentChars()) {
      return tooLarge(text.length() + " chars", limits);
    }
    return read(f -> f.createParser(text), limits, p -> {
      JsonToken first = p.nextToken();
      if (first == null) {
        return syntax(p.currentLocation(), "Expecting value");
      }
      return Result.ok(readValue(p, first, limits));
    });
  }

  /**
   * Reads a UTF-8 JSON object, materializing every top-level member except those named in
   * {@code skipped}: those are tokenized (so the document must be well-formed throughout) but not
   * built, and appear in the result as {@link JsonNull} (their presence, not their value). For a
   * reader that needs a document's small members now and its large one later, or never. Repeated
   * keys, limits and bad tokens are refused as by {@link #parse(String, JsonLimits)} for the
   * materialized members and the top level; inside a skipped member only well-formedness is
   * checked (read it with {@link #parse} when its value is needed). Never throws for bad input.
   */
  public static Result<JsonObject> parseSkipping(byte[] utf8, java.util.Set<String> skipped, JsonLimits limits) {
    if (utf8.length > limits.maxDocumentChars()) {
      return tooLarge(utf8.length + " bytes", limits);
    }
    return read(f -> f.createParser(utf8), limits, p -> {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return syntax(p.currentLocation(), "Expecting an object");
      }
      JsonObject.Builder b = JsonObject.builder();
      java.util.Set<String> seen = new java.util.HashSet<>();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!seen.add(name)) {
          throw new InvalidToken("duplicate key '" + abbreviate(name) + "'; a key may appear only once in an object",
              p.currentLocation());
        }
        JsonToken value = p.nextToken();
        if (skipped.contains(name)) {
          p.skipChildren();
          b.put(name, JsonNull.INSTANCE);
        } else {
          b.put(name, readValue(p, value, limits));
        }
      }
      if (t != JsonToken.END_OBJECT) {
        return syntax(p.currentLocation(), "Expecting a member name");
      }
      return Result.ok(b.build());
    });
  }

  /** Opens a parser on a document. */
  private interface Opener {
    JsonParser open(JsonFactory factory) throws IOException;
  }

  /** Reads the root value; the caller then checks that nothing follows it. */
  private interface Root<T> {
    Result<T> read(JsonParser p) throws IOException;
  }

  private static <T> Result<T> tooLarge(String size, JsonLimits limits) {
    return Result.failed(Diagnostic.of(Code.E_PARSE_SYNTAX, "Invalid JSON at line 1, col 1: document of " + size
        + " exceeds the limit of " + limits.maxDocumentChars() + " (raise JsonLimits.maxDocumentChars)",
        SourceMap.at(1, 1)));
  }

  /** The one parse skeleton: root value, nothing after it, every library failure in MPC's words. */
  private static <T> Result<T> read(Opener opener, JsonLimits limits, Root<T> root) {
    // The limits are checked here, with MPC's messages; the library's own constraints sit just
    // above them (a backstop whose message is never shown).
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth() + 1)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .maxDocumentLength(-1)
            .build())
        .build();
    try (JsonParser p = opener.open(factory)) {
      Result<T> value = root.read(p);
      if (!value.isOk()) {
        return value;
      }
      JsonLocation afterRoot = p.currentLocation();
      JsonToken extra;
      try {
        extra = p.nextToken();
      } catch (JsonProcessingException e) {
        return syntax(afterRoot, "Extra data");
      }
      if (extra != null) {
        return syntax(p.currentTokenLocation(), "Extra data");
      }
      return value;
    } catch (StreamConstraintsException e) {
      return syntax(e.getLocation(), "the document exceeds a reading limit (JsonLimits)");
    } catch (JsonProcessingException e) {
      return syntax(e.getLocation(), JsonMessages.clean(e.getOriginalMessage(), "malformed JSON"));
    } catch (InvalidToken e) {
      return Result.failed(Diagnostic.of(e.code,
          "Invalid JSON at " + position(e.location) + ": " + e.getMessage(), sourceOf(e.location)));
    } catch (IOException e) {
      return syntax(null, JsonMessages.clean(e.getMessage(), "malformed JSON"));
    }
  }

  /** Canonical JSON text (compact, sorted keys); same as {@link Canonical#json}. */
  public static String write(JsonValue value) {
    return Canonical.json(value);
  }

  /**
   * Indented JSON (two spaces, keys in canonical order) for people to read. Same values as the
   * canonical form; only whitespace differs.
   */
  public static String pretty(JsonValue value) {
    StringBuilder sb = new StringBuilder(128);
    pretty(value, sb, 0);
    return sb.toString();
  }

  private static void pretty(JsonValue value, StringBuilder sb, int indent) {
    if (value instanceof JsonObject o && !o.isEmpty()) {
      String[] keys = o.members().keySet().toArray(new String[0]);
      Arrays.sort(keys, Canonical.CODE_POINT_ORDER);
      sb.append("{\n");
      for (int i = 0; i < keys.length; i++) {
        indent(sb, indent + 1);
        Canonical.writeString(keys[i], sb);
        sb.append(": ");
        pretty(o.members().get(keys[i]), sb, indent + 1);
        sb.append(i + 1 < keys.length ? ",\n" : "\n");
      }
      indent(sb, indent);
      sb.append('}');
    } else if (value instanceof JsonArray a && !a.isEmpty()) {
      sb.append("[\n");
      for (int i = 0; i < a.size(); i++) {
        indent(sb, indent + 1);
        pretty(a.get(i), sb, indent + 1);
        sb.append(i + 1 < a.size() ? ",\n" : "\n");
      }
      indent(sb, indent);
      sb.append(']');
    } else {
      sb.append(Canonical.json(value));
    }
  }

  private static void indent(StringBuilder sb, int indent) {
    for (int i = 0; i < indent; i++) {
      sb.append("  ");
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A container being filled: an object (with the pending key) or an array. */
  private static final class Frame {
    final Map<String, JsonValue> object;
    final List<JsonValue> array;
    String key;

    Frame(boolean isObject) {
      this.object = isObject ? new LinkedHashMap<>() : null;
      this.array = isObject ? null : new ArrayList<>();
    }

    JsonValue build() {
      return object != null ? JsonObject.of(object) : JsonArray.of(array);
    }

    void add(JsonValue v) {
      if (object != null) {
        object.put(key, v);
      } else {
        array.add(v);
      }
    }
  }

  private static JsonValue readValue(JsonParser p, JsonToken token, JsonLimits limits) throws IOException {
    Deque<Frame> stack = new ArrayDeque<>();
    JsonToken t = token;
    while (true) {
      JsonValue completed;
      switch (t) {
        case START_OBJECT, START_ARRAY -> {
          if (stack.size() >= limits.maxDepth()) {
            throw new InvalidToken(Code.E_PARSE_SYNTAX, "nesting is deeper than the limit of " + limits.maxDepth()
                + " levels (JsonLimits.maxDepth)", p.currentTokenLocation());
          }
          stack.push(new Frame(t == JsonToken.START_OBJECT));
          t = p.nextToken();
          continue;
        }
        case FIELD_NAME -> {
          String name = p.currentName();
          checkStringLength(p, name.length(), "key", limits);
          if (JsonString.firstUnpairedSurrogate(name) >= 0) {
            throw new InvalidToken("unpaired surrogate in key", p.currentTokenLocation());
          }
          Frame f = stack.peek();
          if (f.object.containsKey(name)) {
            throw new InvalidToken("duplicate key '" + abbreviate(name) + "'; a key may appear only once in an object",
                p.currentTokenLocation());
          }
          f.key = name;
          t = p.nextToken();
          continue;
        }
        case END_OBJECT, END_ARRAY -> completed = stack.pop().build();
        case VALUE_STRING -> {
          checkStringLength(p, p.getTextLength(), "string", limits);
          String s = p.getText();
          if (JsonString.firstUnpairedSurrogate(s) >= 0) {
            throw new InvalidToken("unpaired surrogate in string", p.currentTokenLocation());
          }
          completed = JsonString.of(s);
        }
        case VALUE_NUMBER_INT -> {
          checkNumberLength(p, limits);
          completed = JsonInt.of(p.getBigIntegerValue());
        }
        case VALUE_NUMBER_FLOAT -> {
          checkNumberLength(p, limits);
          double d = p.getDoubleValue();
          if (!Double.isFinite(d)) {
            throw new InvalidToken("number " + abbreviate(p.getText()) + " is out of double range",
                p.currentTokenLocation());
          }
          completed = new JsonFloat(d);
        }
        case VALUE_TRUE -> completed = JsonBool.TRUE;
        case VALUE_FALSE -> completed = JsonBool.FALSE;
        case VALUE_NULL -> completed = JsonNull.INSTANCE;
        default -> throw new InvalidToken("unexpected token " + t, p.currentTokenLocation());
      }
      if (stack.isEmpty()) {
        return completed;
      }
      stack.peek().add(completed);
      t = p.nextToken();
      if (t == null) {
        throw new InvalidToken("unexpected end of input", p.currentLocation());
      }
    }
  }

  private static void checkNumberLength(JsonParser p, JsonLimits limits) throws IOException {
    int length = p.getTextLength();
    if (length > limits.maxNumberLength()) {
      throw new InvalidToken("number of " + length + " chars is longer than the limit of " + limits.maxNumberLength()
          + " chars (JsonLimits.maxNumberLength)", p.currentTokenLocation());
    }
  }

  private static void checkStringLength(JsonParser p, int length, String what, JsonLimits limits) throws IOException {
    if (length > limits.maxStringLength()) {
      throw new InvalidToken(Code.E_PARSE_SYNTAX, what + " of " + length + " chars is longer than the limit of "
          + limits.maxStringLength() + " chars (JsonLimits.maxStringLength)", p.currentTokenLocation());
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  private static <T> Result<T> syntax(JsonLocation loc, String reason) {
    return Result.failed(Diagnostic.of(Code.E_PARSE_SYNTAX,
        "Invalid JSON at " + position(loc) + ": " + reason, sourceOf(loc)));
  }

  private static String position(JsonLocation loc) {
    SourceMap s = sourceOf(loc);
    return "line " + s.line() + ", col " + s.col();
  }

  private static SourceMap sourceOf(JsonLocation loc) {
    if (loc == null) {
      return SourceMap.at(1, 1);
    }
    return SourceMap.at(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  /** A token with an unacceptable value (or past a limit); carries its code and location. */
  private static final class InvalidToken extends IOException {
    private static final long serialVersionUID = 1L;
    final transient JsonLocation location;
    final Code code;

    InvalidToken(String message, JsonLocation location) {
      this(Code.E_PARSE_INVALID_TOKEN, message, location);
    }

    InvalidToken(Code code, String message, JsonLocation location) {
      super(message);
      this.code = code;
      this.location = location;
    }
  }
}
