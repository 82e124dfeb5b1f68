package dev.mpc.json;

import java.util.List;
import java.util.Map;

/**
 * Python's view of JSON values: {@code repr()}, {@code str()} and truthiness.
 * Renders JSON values the way Python's {@code repr()} and {@code str()} do. Upstream MPC embeds
 * such renderings in messages (e.g. {@code (allowed: ['int', 'string'])},
 * {@code 'yes' is not of type 'boolean'}), and conformance compares messages exactly.
 *
 * <p>Thread-safe (stateless).
 */
public final class PythonText {
  private PythonText() {}

  /** Python {@code repr}: {@code None}, {@code True}, {@code 'text'}, {@code [1, 'a']}, {@code {'k': 1}}. */
  public static String repr(JsonValue value) {
    StringBuilder sb = new StringBuilder();
    repr(value, sb, 0);
    return sb.toString();
  }

  /**
   * Python truthiness (upstream's {@code if x:} / {@code x or y}): false for null, false, 0, 0.0,
   * "", [] and {}; true otherwise.
   */
  public static boolean truthy(JsonValue value) {
    if (value instanceof JsonBool b) {
      return b.value();
    }
    if (value instanceof JsonInt i) {
      return i.value().signum() != 0;
    }
    if (value instanceof JsonFloat f) {
      return f.value() != 0.0;
    }
    if (value instanceof JsonString s) {
      return !s.value().isEmpty();
    }
    if (value instanceof JsonArray a) {
      return !a.isEmpty();
    }
    if (value instanceof JsonObject o) {
      return !o.isEmpty();
    }
    return false;
  }

  /** Python {@code str}: strings unchanged, everything else as {@link #repr}. */
  public static String str(JsonValue value) {
    return value instanceof JsonString s ? s.value() : repr(value);
  }

  /** Python repr of a list of strings, e.g. {@code ['a', 'b']}. */
  public static String listRepr(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      stringRepr(items.get(i), sb);
    }
    return sb.append(']').toString();
  }

  /** Python repr of a string, e.g. {@code 'it'} or {@code "it's"}. */
  public static String stringRepr(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    stringRepr(s, sb);
    return sb.toString();
  }

  private static void repr(JsonValue v, StringBuilder sb, int depth) {
    if (depth > Canonical.MAX_DEPTH) {
      throw new IllegalArgumentException("Value nested deeper than " + Canonical.MAX_DEPTH + " levels");
    }
    if (v instanceof JsonNull) {
      sb.append("None");
    } else if (v instanceof JsonBool b) {
      sb.append(b.value() ? "True" : "False");
    } else if (v instanceof JsonInt i) {
      sb.append(i.value());
    } else if (v instanceof JsonFloat f) {
      sb.append(PythonFloat.repr(f.value()));
    } else if (v instanceof JsonString s) {
      stringRepr(s.value(), sb);
    } else if (v instanceof JsonArray a) {
      sb.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        repr(a.get(i), sb, depth + 1);
      }
      sb.append(']');
    } else if (v instanceof JsonObject o) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        stringRepr(e.getKey(), sb);
        sb.append(": ");
        repr(e.getValue(), sb, depth + 1);
      }
      sb.append('}');
    } else {
      throw new AssertionError(v);
    }
  }

  private static void stringRepr(String s, StringBuilder sb) {
    char quote = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
    sb.append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (isPrintable(cp)) {
        sb.appendCodePoint(cp);
      } else if (cp < 0x100) {
        sb.append(String.format("\\x%02x", cp));
      } else if (cp < 0x10000) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.append(String.format("\\U%08x", cp));
      }
    }
    sb.append(quote);
  }

  /** Python's {@code str.isprintable} for one code point (space counts as printable). */
  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
