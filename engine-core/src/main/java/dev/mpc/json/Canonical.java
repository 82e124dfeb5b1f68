package dev.mpc.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MPC's canonical JSON and stable hash ({@code mpc-canon-v1}, byte-compatible with upstream MPC).
 *
 * <p>The encoding, which every artifact identity depends on:
 *
 * <ul>
 *   <li>No whitespace outside strings; separators are exactly {@code ,} and {@code :}.
 *   <li>Object members sorted by key, comparing keys by Unicode <em>code point</em> (not UTF-16
 *       code unit: {@code U+FFFF} sorts before {@code U+1F600}). Arrays keep their order.
 *   <li>Integers in plain decimal, any size. Floats as Python's {@code repr}: shortest round-trip
 *       digits, positional for decimal exponents in (-4, 16], otherwise {@code 1e+16} style; a
 *       float always shows a fraction or exponent ({@code 1.0}), so {@code 1} and {@code 1.0} differ;
 *       {@code -0.0} is kept. Non-finite numbers cannot occur ({@link JsonFloat} rejects them).
 *   <li>Strings in double quotes; escaped: {@code "} {@code \} LF CR TAB BS FF as {@code \" \\ \n
 *       \r \t \b \f}, other code points below U+0020 as {@code \}{@code u00xx} (lowercase hex).
 *       Everything else, including {@code /}, U+007F, U+2028/2029 and all non-ASCII, is written
 *       raw, UTF-8 encoded.
 *   <li>{@code true}, {@code false}, {@code null}.
 * </ul>
 *
 * <p>This is deliberately not RFC 8785 (JCS): JCS sorts keys by UTF-16 code units and writes
 * {@code 1.0} as {@code 1}. The stable hash is the lowercase hex SHA-256 of the canonical UTF-8
 * bytes (64 characters). Canonicalization is idempotent: parsing canonical text and
 * canonicalizing again yields the same bytes.
 *
 * <p>The writer uses no recursion, so deep values cannot overflow a thread stack. Values nested
 * deeper than {@value #MAX_DEPTH} levels are rejected with an {@link IllegalArgumentException};
 * MPC's readers reject such input long before (their limits are lower), so this only guards
 * programmatically built values.
 *
 * <p>Immutable and thread-safe (stateless).
 */
public final class Canonical {
  /** The deepest nesting the canonical writer accepts. */
  public static final int MAX_DEPTH = 2_000;

  /** Orders keys by Unicode code point, as Python does. */
  public static final Comparator<String> CODE_POINT_ORDER = Canonical::compareCodePoints;

  private static final HexFormat HEX = HexFormat.of();

  /** Cloned for each digest; null if the platform's SHA-256 cannot be cloned. */
  private static final MessageDigest SHA256_PROTOTYPE = sha256Prototype();

  private Canonical() {}

  /** The canonical JSON text of {@code value}. */
  public static String json(JsonValue value) {
    StringBuilder sb = new StringBuilder(64);
    write(value, sb, null);
    return sb.toString();
  }

  /** The canonical UTF-8 bytes of {@code value}. */
  public static byte[] bytes(JsonValue value) {
    return json(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The stable hash: lowercase hex SHA-256 of the canonical bytes. The text is hashed in chunks as
   * it is written, so a large value is never held as one string or byte array.
   */
  public static String stableHash(JsonValue value) {
    MessageDigest digest = newSha256();
    StringBuilder sb = new StringBuilder(Math.min(HASH_CHUNK, 256) + 256);
    write(value, sb, digest);
    digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest.digest());
  }

  /** Canonical text is handed to the digest whenever this many chars are buffered. */
  private static final int HASH_CHUNK = 8 * 1024;

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    return newSha256().digest(bytes);
  }

  /**
   * A fresh SHA-256 digest. Cloning a prototype skips the provider lookup of
   * {@link MessageDigest#getInstance(String)}, which costs more than hashing a short input.
   */
  private static MessageDigest newSha256() {
    if (SHA256_PROTOTYPE != null) {
      try {
        return (MessageDigest) SHA256_PROTOTYPE.clone();
      } catch (CloneNotSupportedException e) {
        // a provider whose digest cannot be cloned: look it up each time
      }
    }
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static MessageDigest sha256Prototype() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.clone();
      return md;
    } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
      return null;
    }
  }

  /** Formats a finite double exactly as Python's {@code repr(float)} (e.g. {@code 1.0}, {@code 1e-05}). */
  public static String formatDouble(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Non-finite number: " + value);
    }
    return PythonFloat.repr(value);
  }

  /** Compares two strings by Unicode code point sequence. */
  public static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        // UTF-16 order differs from code point order only when one unit is a surrogate and the
        // other lies in U+E000..U+FFFF; shift both ranges so that surrogates sort last.
        if (ca >= 0xD800 && cb >= 0xD800) {
          ca = fixup(ca);
          cb = fixup(cb);
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }

  private static char fixup(char c) {
    return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
  }

  /**
   * Sorts definition-like objects by the kernel rule: {@code priority} descending (absent = 0),
   * then {@code name} ascending (absent = ""), then {@code id} ascending (absent = ""). Only each
   * object's top-level keys are consulted. The sort is stable.
   *
   * @throws IllegalArgumentException if a {@code priority} is not a number or a {@code name} or
   *     {@code id} is not a string
   */
  public static List<JsonObject> orderDefinitions(List<JsonObject> definitions) {
    List<SortKey> keys = new ArrayList<>(definitions.size());
    for (JsonObject d : definitions) {
      keys.add(new SortKey(priority(d).negate(), text(d, "name"), text(d, "id"), d));
    }
    keys.sort(DEFINITION_ORDER);
    List<JsonObject> sorted = new ArrayList<>(keys.size());
    for (SortKey k : keys) {
      sorted.add(k.def());
    }
    return List.copyOf(sorted);
  }

  private record SortKey(BigDecimal negPriority, String name, String id, JsonObject def) {}

  /**
   * Applies {@link #orderDefinitions} to every array stored under a key named {@code definitions}
   * or {@code defs}, at any depth (elements are processed before their array is sorted). Other
   * arrays keep their order.
   *
   * @throws IllegalArgumentException if such an array holds a non-object or a badly typed
   *     ordering key
   */
  public static JsonValue orderDefinitionsDeep(JsonValue value) {
    if (value instanceof JsonArray a) {
      List<JsonValue> items = new ArrayList<>(a.size());
      for (JsonValue item : a.items()) {
        items.add(orderDefinitionsDeep(item));
      }
      return JsonArray.of(items);
    }
    if (value instanceof JsonObject o) {
      Map<String, JsonValue> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        JsonValue v = orderDefinitionsDeep(e.getValue());
        if ((e.getKey().equals("definitions") || e.getKey().equals("defs")) && v instanceof JsonArray arr) {
          List<JsonObject> defs = new ArrayList<>(arr.size());
          for (JsonValue item : arr.items()) {
            if (!(item instanceof JsonObject def)) {
              throw new IllegalArgumentException(
                  "'" + e.getKey() + "' must hold objects to be ordered, found " + item.type().typeName());
            }
            defs.add(def);
          }
          v = JsonArray.of(orderDefinitions(defs));
        }
        out.put(e.getKey(), v);
      }
      return JsonObject.of(out);
    }
    return value;
  }

  // written out (not Comparator.comparing chains, whose JDK lambdas every process spins anew)
  private static final Comparator<SortKey> DEFINITION_ORDER = (a, b) -> {
    int c = a.negPriority().compareTo(b.negPriority());
    if (c == 0) {
      c = compareCodePoints(a.name(), b.name());
    }
    return c != 0 ? c : compareCodePoints(a.id(), b.id());
  };

  private static BigDecimal priority(JsonObject def) {
    JsonValue p = def.getOrNull("priority");
    if (p == null) {
      return BigDecimal.ZERO;
    }
    if (p instanceof JsonInt i) {
      return new BigDecimal(i.value());
    }
    if (p instanceof JsonFloat f) {
      return new BigDecimal(f.value());
    }
    if (p instanceof JsonBool b) { // Python: bool is an int
      return b.value() ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    throw new IllegalArgumentException("definition 'priority' must be a number, found " + p.type().typeName());
  }

  private static String text(JsonObject def, String key) {
    JsonValue v = def.getOrNull(key);
    if (v == null) {
      return "";
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw new IllegalArgumentException("definition '" + key + "' must be a string, found " + v.type().typeName());
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Writes {@code root} without recursion: an explicit stack of open containers, so that no
   * nesting the depth limit admits can overflow a thread stack, however small.
   */
  private static void write(JsonValue root, StringBuilder sb, MessageDigest digest) {
    java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
    JsonValue next = root;
    while (true) {
      if (digest != null && sb.length() >= HASH_CHUNK) {
        // between tokens: a chunk never splits a string (or a surrogate pair)
        digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        sb.setLength(0);
      }
      if (next != null) {
        if (next instanceof JsonObject o) {
          checkDepth(stack.size());
          sb.append('{');
          stack.push(Frame.of(o));
        } else if (next instanceof JsonArray a) {
          checkDepth(stack.size());
          sb.append('[');
          stack.push(Frame.of(a));
        } else {
          writeScalar(next, sb);
        }
        next = null;
      }
      Frame top = stack.peek();
      if (top == null) {
        return;
      }
      if (top.index == top.size) {
        sb.append(top.keys != null ? '}' : ']');
        stack.pop();
        continue;
      }
      if (top.index > 0) {
        sb.append(',');
      }
      if (top.keys != null) {
        String key = top.keys[top.index];
        writeString(key, sb);
        sb.append(':');
        next = top.object.members().get(key);
      } else {
        next = top.array.get(top.index);
      }
      top.index++;
    }
  }

  /** An open container being written. */
  private static final class Frame {
    final JsonObject object;
    final String[] keys;
    final List<JsonValue> array;
    final int size;
    int index;

    private Frame(JsonObject object, String[] keys, List<JsonValue> array, int size) {
      this.object = object;
      this.keys = keys;
      this.array = array;
      this.size = size;
    }

    static Frame of(JsonObject o) {
      String[] keys = o.members().keySet().toArray(new String[0]);
      if (keys.length > 1) {
        java.util.Arrays.sort(keys, CODE_POINT_ORDER);
      }
      return new Frame(o, keys, null, keys.length);
    }

    static Frame of(JsonArray a) {
      return new Frame(null, null, a.items(), a.size());
    }
  }

  private static void writeScalar(JsonValue value, StringBuilder sb) {
    if (value instanceof JsonString s) {
      writeString(s.value(), sb);
    } else if (value instanceof JsonInt i) {
      sb.append(i.value().toString());
    } else if (value instanceof JsonFloat f) {
      sb.append(PythonFloat.repr(f.value()));
    } else if (value instanceof JsonBool b) {
      sb.append(b.value() ? "true" : "false");
    } else if (value instanceof JsonNull) {
      sb.append("null");
    } else {
      throw new AssertionError(value);
    }
  }

  private static void checkDepth(int depth) {
    if (depth >= MAX_DEPTH) {
      throw new IllegalArgumentException("Value nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  /**
   * Appends {@code s} as a canonical JSON string literal (quotes included). The result is also a
   * valid manifest-DSL string literal.
   */
  public static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    int start = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, start, i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          sb.append("\\u00");
          sb.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
        }
      }
      start = i + 1;
    }
    sb.append(s, start, s.length());
    sb.append('"');
  }
}
