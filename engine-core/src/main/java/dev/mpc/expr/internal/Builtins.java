package dev.mpc.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.ExprType;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The built-in functions: signatures for the checker and implementations. Internal. */
public final class Builtins {
  private Builtins() {}

  private static final ExprType S = ExprType.STRING;
  private static final ExprType I = ExprType.INT;
  private static final ExprType A = ExprType.ANY;
  private static final ExprType B = ExprType.BOOL;

  /** A built-in function. */
  public abstract static class Builtin {
    final String name;
    final List<ExprType> params;
    final ExprType rest;
    final int minArity;
    final int maxArity;
    final ExprType returns;
    final boolean pure;

    Builtin(String name, List<ExprType> params, ExprType rest, int minArity, int maxArity, ExprType returns,
        boolean pure) {
      this.name = name;
      this.params = params;
      this.rest = rest;
      this.minArity = minArity;
      this.maxArity = maxArity;
      this.returns = returns;
      this.pure = pure;
    }

    /** The function name. */
    public String name() {
      return name;
    }

    /** The static return type. */
    public ExprType returns() {
      return returns;
    }

    /** The parameter type at {@code i}. */
    ExprType param(int i) {
      return i < params.size() ? params.get(i) : rest;
    }

    /** The arity as text for messages, e.g. {@code 2 to 3 arguments}. */
    String arityText() {
      if (maxArity < 0) {
        return "at least " + minArity + (minArity == 1 ? " argument" : " arguments");
      }
      if (minArity == maxArity) {
        return minArity + (minArity == 1 ? " argument" : " arguments");
      }
      return minArity + " to " + maxArity + " arguments";
    }

    abstract JsonValue call(Frame f, JsonValue[] args);

    /** A call with one argument; built-ins taking one argument override it to skip the array. */
    JsonValue call1(Frame f, JsonValue a) {
      return call(f, new JsonValue[] {a});
    }

    /** A call with two arguments; built-ins taking two arguments override it to skip the array. */
    JsonValue call2(Frame f, JsonValue a, JsonValue b) {
      return call(f, new JsonValue[] {a, b});
    }
  }

  private static final Map<String, Builtin> ALL = new LinkedHashMap<>();

  private static void add(Builtin b) {
    ALL.put(b.name, b);
  }

  /** The built-in named {@code name}, or null. */
  public static Builtin get(String name) {
    return ALL.get(name);
  }

  /** Every built-in, in documentation order. */
  public static Map<String, Builtin> all() {
    return java.util.Collections.unmodifiableMap(ALL);
  }

  static String str(JsonValue v) {
    return ((JsonString) v).value();
  }

  static {
    add(new Builtin("len", List.of(ExprType.parse("string|array|object|null").orElseThrow()), null, 1, 1, I, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        return JsonInt.of(length(a[0]));
      }
    });
    add(new Builtin("lower", List.of(S), null, 1, 1, S, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        return call1(f, a[0]);
      }

      @Override
      JsonValue call1(Frame f, JsonValue a) {
        return JsonString.of(caseMapped(f, str(a), false));
      }
    });
    add(new Builtin("upper", List.of(S), null, 1, 1, S, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        return call1(f, a[0]);
      }

      @Override
      JsonValue call1(Frame f, JsonValue a) {
        return JsonString.of(caseMapped(f, str(a), true));
      }
    });
    add(new Builtin("contains", List.of(ExprType.parse("string|array|object|null").orElseThrow(), A), null, 2, 2, B,
        true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        return call2(f, a[0], a[1]);
      }

      @Override
      JsonValue call2(Frame f, JsonValue a, JsonValue b) {
        return JsonBool.of(contains(f, a, b));
      }
    });
    add(new Builtin("startsWith", List.of(S, S), null, 2, 2, B, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        return call2(f, a[0], a[1]);
      }

      @Override
      JsonValue call2(Frame f, JsonValue a, JsonValue b) {
        return JsonBool.of(str(a).startsWith(str(b)));
      }
    });
    add(new Builtin("endsWith", List.of(S, S), null, 2, 2, B, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        return call2(f, a[0], a[1]);
      }

      @Override
      JsonValue call2(Frame f, JsonValue a, JsonValue b) {
        return JsonBool.of(str(a).endsWith(str(b)));
      }
    });
    add(new Builtin("isEmpty", List.of(A), null, 1, 1, B, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        return call1(f, a[0]);
      }

      @Override
      JsonValue call1(Frame f, JsonValue v) {
        boolean empty = v instanceof JsonNull
            || (v instanceof JsonString s && s.value().isEmpty())
            || (v instanceof JsonArray arr && arr.isEmpty())
            || (v instanceof JsonObject o && o.isEmpty());
        return JsonBool.of(empty);
      }
    });
    add(new Builtin("concat", List.of(), A, 0, -1, S, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        long size = 0;
        for (JsonValue v : a) {
          size += Values.displaySize(v, f.allocRoom() - size);
        }
        f.alloc(size);
        StringBuilder sb = new StringBuilder((int) Math.min(size, 1 << 16));
        for (JsonValue v : a) {
          sb.append(Values.display(v));
        }
        return JsonString.of(sb.toString());
      }
    });
    add(new Builtin("substr", List.of(S, I, I), null, 2, 3, S, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        String s = str(a[0]);
        int n = Values.cpLength(s);
        long start = Values.longOf(a[1], "argument 1 of 'substr'");
        long len = a.length > 2 ? Values.longOf(a[2], "argument 2 of 'substr'") : n - start;
        long from = norm(start, n);
        long to = norm(satAdd(start, len), n);
        if (to <= from) {
          return JsonString.EMPTY;
        }
        int b = s.offsetByCodePoints(0, (int) from);
        int e = s.offsetByCodePoints(b, (int) (to - from));
        f.alloc(e - b);
        return JsonString.of(s.substring(b, e));
      }
    });
    add(new Builtin("abs", List.of(ExprType.NUMBER), null, 1, 1, ExprType.NUMBER, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        if (a[0] instanceof JsonInt i) {
          return i.value().signum() >= 0 ? i : Nodes.neg(i);
        }
        return new JsonFloat(Math.abs(((JsonFloat) a[0]).value()));
      }
    });
    add(minMax("min", -1));
    add(minMax("max", 1));
    add(new Builtin("now", List.of(), null, 0, 0, S, false) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        f.alloc(NOW_MAX_LENGTH);
        return JsonString.of(NOW.format(OffsetDateTime.now(f.clock())));
      }
    });
    add(new Builtin("regex", List.of(S, S), null, 2, 2, B, false) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        return call2(f, a[0], a[1]);
      }

      @Override
      JsonValue call2(Frame f, JsonValue a, JsonValue b) {
        return JsonBool.of(f.regexes().find(f, str(a), str(b)));
      }
    });
    add(new Builtin("daysBetween", List.of(ExprType.DATE, ExprType.DATE), null, 2, 2, I, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        LocalDate x = Values.parseDate(str(a[0]));
        LocalDate y = Values.parseDate(str(a[1]));
        return JsonInt.of(ChronoUnit.DAYS.between(x, y));
      }
    });
  }

  /** {@code now()}'s format: ISO-8601 with seconds, fraction only when non-zero, {@code Z} for UTC. */
  static final DateTimeFormatter NOW = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .appendOffset("+HH:MM", "Z")
      .toFormatter(Locale.ROOT);

  /** The longest text {@link #NOW} produces (a ten-digit year with sign, nanoseconds, an offset). */
  static final int NOW_MAX_LENGTH = 40;

  /**
   * {@code s} lower- or upper-cased, charged to the allocation budget: its length before mapping,
   * and what the mapping adds (full Unicode mapping can grow a string: {@code ß} → {@code SS}).
   */
  static String caseMapped(Frame f, String s, boolean upper) {
    f.alloc(s.length());
    String r = upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
    if (r.length() > s.length()) {
      f.alloc(r.length() - s.length());
    }
    return r;
  }

  static long length(JsonValue v) {
    if (v instanceof JsonString s) {
      return Values.cpLength(s.value());
    } else if (v instanceof JsonArray arr) {
      return arr.size();
    } else if (v instanceof JsonObject o) {
      return o.size();
    }
    return 0;
  }

  static boolean contains(Frame f, JsonValue hay, JsonValue needle) {
    if (hay instanceof JsonString s) {
      if (!(needle instanceof JsonString n)) {
        throw EvalError.type("Argument 1 of 'contains' expects 'string' when searching a string, got '"
            + Values.typeName(needle) + "'");
      }
      return containsText(s.value(), n.value());
    }
    if (hay instanceof JsonArray arr) {
      for (int i = 0, n = arr.size(); i < n; i++) {
        if ((i & (Values.ELEMENTS_PER_TIME_CHECK - 1)) == Values.ELEMENTS_PER_TIME_CHECK - 1) {
          f.checkTime();
        }
        if (Values.equal(f, arr.get(i), needle)) {
          return true;
        }
      }
      return false;
    }
    if (hay instanceof JsonObject o) {
      return needle instanceof JsonString k && o.has(k.value());
    }
    return false;
  }

  /**
   * Whether {@code needle} occurs in {@code hay}, in time linear in their lengths whatever they
   * hold: {@link String#contains} compares up to {@code hay.length() * needle.length()} chars
   * ({@code 'a' * 1M} searched for {@code 'a' * 100K + 'b'} takes over a minute), so a long needle
   * in a long text is searched with Knuth-Morris-Pratt instead.
   */
  static boolean containsText(String hay, String needle) {
    int m = needle.length();
    if (m <= KMP_MIN_NEEDLE || hay.length() <= KMP_MIN_HAY) {
      return hay.contains(needle);
    }
    int[] fail = new int[m];
    for (int i = 1, k = 0; i < m; i++) {
      while (k > 0 && needle.charAt(i) != needle.charAt(k)) {
        k = fail[k - 1];
      }
      if (needle.charAt(i) == needle.charAt(k)) {
        k++;
      }
      fail[i] = k;
    }
    for (int i = 0, k = 0, n = hay.length(); i < n; i++) {
      char c = hay.charAt(i);
      while (k > 0 && c != needle.charAt(k)) {
        k = fail[k - 1];
      }
      if (c == needle.charAt(k)) {
        k++;
        if (k == m) {
          return true;
        }
      }
    }
    return false;
  }

  /** Needles up to this length use {@link String#contains} (at most 16 compares per text char). */
  static final int KMP_MIN_NEEDLE = 16;
  /** Texts up to this length use {@link String#contains} (at most 4 Mi compares in all). */
  static final int KMP_MIN_HAY = 4096;

  private static long norm(long i, int n) {
    return i < 0 ? Math.max(0, i + n) : Math.min(i, n);
  }

  private static long satAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  private static Builtin minMax(String name, int sign) {
    return new Builtin(name, List.of(), A, 0, -1, A, true) {
      @Override
      JsonValue call(Frame f, JsonValue[] a) {
        // One list argument means its elements, read in place (no copy).
        List<JsonValue> items = a.length == 1 && a[0] instanceof JsonArray arr ? arr.items() : java.util.Arrays.asList(a);
        if (items.isEmpty()) {
          return JsonNull.INSTANCE;
        }
        JsonValue best = items.get(0);
        for (int i = 1, n = items.size(); i < n; i++) {
          JsonValue x = items.get(i);
          if ((i & (Values.ELEMENTS_PER_TIME_CHECK - 1)) == 0) {
            f.checkTime();
          }
          if (Values.order(name, x, best) * sign > 0) {
            best = x;
          }
        }
        if (items.size() == 1 && !Values.isNumber(best) && !(best instanceof JsonString)) {
          throw EvalError.type("'" + name + "' expects numbers or strings, got '" + Values.typeName(best) + "'");
        }
        return best;
      }
    };
  }

  /** Evaluates a call to a built-in with a fresh argument array. */
  static final class Call extends Node {
    private final Builtin fn;
    private final Node[] args;

    Call(Builtin fn, Node[] args) {
      this.fn = fn;
      this.args = args;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      JsonValue[] vals = new JsonValue[args.length];
      for (int i = 0; i < args.length; i++) {
        vals[i] = args[i].eval(f, vars);
      }
      return fn.call(f, vals);
    }
  }

  /** Evaluates a call to a built-in with one argument, without an argument array. */
  static final class Call1 extends Node {
    private final Builtin fn;
    private final Node arg;

    Call1(Builtin fn, Node arg) {
      this.fn = fn;
      this.arg = arg;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      return fn.call1(f, arg.eval(f, vars));
    }
  }

  /** Evaluates a call to a built-in with two arguments, without an argument array. */
  static final class Call2 extends Node {
    private final Builtin fn;
    private final Node first;
    private final Node second;

    Call2(Builtin fn, Node first, Node second) {
      this.fn = fn;
      this.first = first;
      this.second = second;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      JsonValue a = first.eval(f, vars);
      return fn.call2(f, a, second.eval(f, vars));
    }
  }

  /**
   * {@code len(x)} without allocation. The run-time check of a too widely typed argument is done
   * here rather than by a separate {@link Nodes.CheckArg} node; strings, the common case, skip it
   * when the checked type admits them.
   */
  static final class Len extends Nodes.LongNode {
    private final Node arg;
    private final Nodes.CheckArg check;
    private final boolean stringPasses;

    /** {@code len(arg)}; an argument wrapped in a run-time check is unwrapped into this node. */
    Len(Node arg) {
      if (arg instanceof Nodes.CheckArg c) {
        this.arg = c.inner();
        this.check = c;
        this.stringPasses = c.type().has(ExprType.K_STRING);
      } else {
        this.arg = arg;
        this.check = null;
        this.stringPasses = true;
      }
    }

    @Override
    long evalLong(Frame f, Bindings vars) {
      JsonValue v = arg.eval(f, vars);
      if (v instanceof JsonString s && stringPasses) {
        return Values.cpLength(s.value());
      }
      if (check != null) {
        check.verify(v);
      }
      return length(v);
    }
  }

  /** {@code regex(text, 'constant')} with the pattern compiled once. */
  static final class RegexConst extends Nodes.BoolNode {
    private final Node text;
    private final Node patternNode;
    private final Regexes.Compiled pattern;

    RegexConst(Node text, Node patternNode, Regexes.Compiled pattern) {
      this.text = text;
      this.patternNode = patternNode;
      this.pattern = pattern;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      JsonValue t = text.eval(f, vars);
      patternNode.eval(f, vars);
      return Regexes.find(f, ((JsonString) t).value(), pattern);
    }
  }

  /** Fails with {@code code}; used for a {@code daysBetween} argument that does not parse. */
  static EvalError error(Code code, String message) {
    return new EvalError(code, message);
  }
}
