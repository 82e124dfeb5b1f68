package dev.mpc.expr;

import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The variables of one evaluation: top-level names bound to JSON values. A reference
 * {@code a.b.c} reads the binding named exactly {@code a.b.c} if there is one, else walks objects
 * from {@code a}; a miss is null.
 *
 * <p>Lookups go through a small open-addressing table built once per instance (identity
 * comparison before {@code equals}), which the evaluator reads without any interface dispatch or
 * cast. A table in which any run of occupied slots would exceed {@value #MAX_RUN} (names chosen to
 * collide) is not used; such bindings are read through their hash map, whose bins degrade to
 * trees, so no choice of names makes building or reading bindings slow.
 *
 * <p>Immutable and thread-safe (the builder is not).
 */
public final class Bindings {
  private static final int MAX_RUN = 64;
  private static final Bindings EMPTY = new Bindings(Map.of());

  /** The members in insertion order; never mutated or exposed. */
  private final Map<String, JsonValue> values;
  /**
   * Open-addressing table, at most half of the slots used; a null key ends a probe. Null when
   * the names collide too much, in which case {@link #values} answers lookups.
   */
  private final String[] keys;
  private final JsonValue[] slots;
  /** Answers every lookup when set (then {@link #values} and {@link #keys} are unused). */
  private final Resolver resolver;
  private final java.util.function.Supplier<JsonObject> all;

  /**
   * Answers variable lookups on demand, for hosts whose variables are expensive to convert to JSON
   * up front (the engine's event bindings convert only what an expression reads).
   */
  @FunctionalInterface
  public interface Resolver {
    /**
     * The value bound to {@code name} (asked exactly as {@link Bindings#get(String)} is: a whole
     * dotted path first, then its first segment), or Java {@code null} when unbound. Must be
     * deterministic for the life of the bindings and must not throw.
     */
    JsonValue resolve(String name);
  }

  private Bindings(Resolver resolver, java.util.function.Supplier<JsonObject> all) {
    this.values = Map.of();
    this.keys = null;
    this.slots = null;
    this.resolver = resolver;
    this.all = all;
  }

  private Bindings(Map<String, JsonValue> values) {
    this.values = values;
    this.resolver = null;
    this.all = null;
    int n = Integer.highestOneBit(Math.max(2, values.size()) * 2 - 1) << 1;
    String[] k = new String[n];
    JsonValue[] v = new JsonValue[n];
    int m = n - 1;
    boolean usable = true;
    for (Map.Entry<String, JsonValue> e : values.entrySet()) {
      int i = spread(e.getKey().hashCode()) & m;
      int probes = 0;
      while (k[i] != null) {
        i = (i + 1) & m;
        if (++probes > MAX_RUN) {
          usable = false;
          break;
        }
      }
      if (!usable) {
        break;
      }
      k[i] = e.getKey();
      v[i] = e.getValue();
    }
    usable = usable && longestRun(k) <= MAX_RUN;
    this.keys = usable ? k : null;
    this.slots = usable ? v : null;
  }

  /** The longest run of occupied slots, wrapping around: the most a lookup can probe. */
  private static int longestRun(String[] k) {
    int n = k.length;
    int start = 0;
    while (start < n && k[start] != null) {
      start++;
    }
    if (start == n) {
      return n;
    }
    int longest = 0;
    int run = 0;
    for (int j = 1; j <= n; j++) {
      if (k[(start + j) & (n - 1)] != null) {
        longest = Math.max(longest, ++run);
      } else {
        run = 0;
      }
    }
    return longest;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** No variables. */
  public static Bindings empty() {
    return EMPTY;
  }

  /**
   * Bindings answered by {@code resolver} on each lookup; {@code all} gives every binding as one
   * object for {@link #toJson()} (called only by hosts that ask).
   */
  public static Bindings resolving(Resolver resolver, java.util.function.Supplier<JsonObject> all) {
    return new Bindings(Objects.requireNonNull(resolver, "resolver"), Objects.requireNonNull(all, "all"));
  }

  /** The members of {@code object} as variables (no copy: JSON objects are immutable). */
  public static Bindings of(JsonObject object) {
    return new Bindings(object.members());
  }

  /**
   * Variables from plain Java values: {@code String}, {@code Boolean}, integral {@code Number}s
   * ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code BigInteger}),
   * {@code Double}/{@code Float}/{@code BigDecimal}, {@code null}, {@code Map<String,?>},
   * {@code Collection<?>} and {@link JsonValue}, converted once.
   *
   * @throws IllegalArgumentException for any other value, or a non-finite float
   */
  public static Bindings ofJava(Map<String, ?> values) {
    return new Bindings(convertMembers(values));
  }

  /**
   * The converted members in the iteration order of {@code m}, in a map that is never exposed:
   * bindings read it directly, without the unmodifiable view {@link JsonObject} wraps its members
   * in.
   */
  private static LinkedHashMap<String, JsonValue> convertMembers(Map<?, ?> m) {
    LinkedHashMap<String, JsonValue> out = new LinkedHashMap<>(Math.max(4, m.size() * 4 / 3 + 1));
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String k)) {
        throw new IllegalArgumentException("map keys must be strings: " + e.getKey());
      }
      out.put(k, toJson(e.getValue()));
    }
    return out;
  }

  /** Converts a plain Java value as {@link #ofJava(Map)} does. */
  public static JsonValue toJson(Object v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    } else if (v instanceof JsonValue j) {
      return j;
    } else if (v instanceof String s) {
      return JsonValue.of(s);
    } else if (v instanceof Boolean b) {
      return JsonValue.of(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return JsonValue.of(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      return JsonValue.of(b);
    } else if (v instanceof Double || v instanceof Float) {
      return JsonValue.of(((Number) v).doubleValue());
    } else if (v instanceof BigDecimal d) {
      return JsonValue.of(d.doubleValue());
    } else if (v instanceof Map<?, ?> m) {
      return JsonObject.of(convertMembers(m));
    } else if (v instanceof Collection<?> c) {
      List<JsonValue> out = new ArrayList<>(c.size());
      for (Object o : c) {
        out.add(toJson(o));
      }
      return JsonValue.of(out);
    }
    throw new IllegalArgumentException("unsupported binding value type " + v.getClass().getName());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The binding named exactly {@code name}, or Java {@code null} when unbound.
   *
   * @throws NullPointerException if {@code name} is null
   */
  public JsonValue get(String name) {
    String[] k = keys;
    if (k == null) {
      if (resolver != null) {
        return resolver.resolve(Objects.requireNonNull(name, "name"));
      }
      return values.get(Objects.requireNonNull(name, "name"));
    }
    int m = k.length - 1;
    int i = spread(name.hashCode()) & m;
    while (true) {
      String key = k[i];
      if (key == null) {
        return null;
      }
      if (key == name || name.equals(key)) {
        return slots[i];
      }
      i = (i + 1) & m;
    }
  }

  /** The bindings as a JSON object. */
  public JsonObject toJson() {
    return all != null ? all.get() : JsonObject.of(values);
  }

  /** Builds {@link Bindings}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, JsonValue> values = new LinkedHashMap<>();

    private Builder() {}

    /** Binds {@code name} to {@code value}. */
    public Builder put(String name, JsonValue value) {
      values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Binds {@code name} to a plain Java value (see {@link Bindings#ofJava(Map)}). */
    public Builder putJava(String name, Object value) {
      return put(name, toJson(value));
    }

    /** The bindings. */
    public Bindings build() {
      return new Bindings(new LinkedHashMap<>(values));
    }
  }
}
