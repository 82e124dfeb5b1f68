package dev.mpc.expr;

import dev.mpc.diag.Spelling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The static types of the variables an evaluation context provides, declared by the host, e.g.
 * {@code actor.clearance: int}, {@code event.kind: string}. A reference to a declared path has the
 * declared type (checked at compile time against every use, and at run time against the bound
 * value); an undeclared path has type {@code any} and is checked wherever it is used.
 *
 * <p><b>Closed shapes.</b> A path declared {@link Builder#closed(String) closed} is an object whose
 * fields are exactly the paths declared directly below it; {@link Builder#closedRoots()} does the
 * same for the variables themselves. A reference that runs through a closed shape to a field it
 * does not have ({@code object.status} when {@code object} is closed with {@code type}, {@code id},
 * {@code attributes}, {@code state}), or through a declared value that is neither an object nor an
 * array ({@code actor.id.x} with {@code actor.id: string}), cannot exist: {@link #impossible(String)}
 * says why, and the expression compiler reports it ({@code E_EXPR_TYPE_MISMATCH}) at the
 * reference's position. Below a declared path that is not closed (an open map such as
 * {@code object.attributes}) every path is possible and {@code any} unless declared. Without any
 * closed declaration (the default) every path is possible, as before.
 *
 * <p>Immutable and thread-safe (the builder is not).
 */
public final class TypeEnv {
  private static final TypeEnv EMPTY = new TypeEnv(Map.of(), Set.of(), Set.of(), false);

  private final Map<String, ExprType> types;
  private final Set<String> closed;
  private final boolean closedRoots;
  /** Closed shapes of host data (declared attribute types): suggested into by spelling only. */
  private final Set<String> data;
  /** The direct members of every path ("" for the roots), from the declarations. */
  private final Map<String, Set<String>> members;

  private TypeEnv(Map<String, ExprType> types, Set<String> closed, Set<String> data, boolean closedRoots) {
    this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    this.closed = Set.copyOf(closed);
    this.data = Set.copyOf(data);
    this.closedRoots = closedRoots;
    Map<String, Set<String>> m = new HashMap<>();
    for (String path : types.keySet()) {
      String parent = "";
      int from = 0;
      while (true) {
        int dot = path.indexOf('.', from);
        String seg = dot < 0 ? path.substring(from) : path.substring(from, dot);
        m.computeIfAbsent(parent, k -> new TreeSet<>()).add(seg);
        if (dot < 0) {
          break;
        }
        parent = path.substring(0, dot);
        from = dot + 1;
      }
    }
    m.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    this.members = Map.copyOf(m);
  }

  /** No declarations: every variable is {@code any}. */
  public static TypeEnv empty() {
    return EMPTY;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The declared type of {@code path}, or {@code any}. */
  public ExprType typeOf(String path) {
    ExprType t = types.get(path);
    return t == null ? ExprType.ANY : t;
  }

  /** Whether {@code path} has a declared type. */
  public boolean isDeclared(String path) {
    return types.containsKey(path);
  }

  /** The declarations, in declaration order. */
  public Map<String, ExprType> declarations() {
    return types;
  }

  /** Whether the object at {@code path} is a closed shape ({@code ""}: whether the roots are closed). */
  public boolean isClosed(String path) {
    return path.isEmpty() ? closedRoots : closed.contains(path);
  }

  /** The fields declared directly below {@code path} ({@code ""}: the declared roots), sorted. */
  public Set<String> fieldsOf(String path) {
    return members.getOrDefault(path, Set.of());
  }

  /**
   * Why a reference to the dotted {@code path} cannot exist in this environment (a closed shape
   * without that field, or a field of a declared scalar), with a suggestion where there is one;
   * empty if the path may exist.
   */
  public Optional<String> impossible(String path) {
    if (closed.isEmpty() && !closedRoots) {
      return Optional.empty();
    }
    String[] segs = path.split("\\.", -1);
    String prefix = "";
    for (int i = 0; i < segs.length; i++) {
      String seg = segs[i];
      if (i > 0) {
        ExprType t = types.get(prefix);
        if (t != null && !t.isAny() && (t.mask() & (ExprType.K_OBJECT | ExprType.K_ARRAY)) == 0) {
          return Optional.of("Path '" + path + "' cannot exist: '" + prefix + "' is '" + t + "', it has no field '"
              + seg + "'");
        }
      }
      if (isClosed(prefix) && !fieldsOf(prefix).contains(seg)) {
        String rest = String.join(".", List.of(segs).subList(i, segs.length));
        String where = prefix.isEmpty() ? "No variable '" + seg + "'" : "'" + prefix + "' has no field '" + seg + "'";
        String known = prefix.isEmpty() ? "variables" : "fields";
        StringBuilder msg = new StringBuilder("Path '" + path + "' cannot exist: " + where + " (" + known + ": "
            + String.join(", ", fieldsOf(prefix)) + ")");
        List<String> hints = suggestions(prefix, seg, rest);
        if (!hints.isEmpty()) {
          msg.append("; did you mean '").append(String.join("' or '", hints)).append("'?");
        }
        return Optional.of(msg.toString());
      }
      prefix = i == 0 ? seg : prefix + "." + seg;
    }
    return Optional.empty();
  }

  /**
   * A near-miss field name of {@code prefix}, and the path through an open map member, or a closed
   * one that has the field (not at the roots, nor below a shape of host data, whose object-typed
   * fields are data too).
   */
  private List<String> suggestions(String prefix, String seg, String rest) {
    List<String> out = new ArrayList<>();
    String base = prefix.isEmpty() ? "" : prefix + ".";
    String tail = rest.substring(seg.length());
    Spelling.nearest(seg, fieldsOf(prefix)).ifPresent(f -> out.add(base + f + tail));
    if (!prefix.isEmpty() && !data.contains(prefix)) {
      for (String f : fieldsOf(prefix)) {
        String p = base + f;
        ExprType t = types.get(p);
        if (t != null && t.has(ExprType.K_OBJECT) && (!closed.contains(p) || fieldsOf(p).contains(seg))) {
          out.add(p + "." + rest);
          break;
        }
      }
    }
    return out;
  }


  /**
   * This environment with {@code other}'s declarations added (they win for a path both declare);
   * closed shapes and closed roots of both are kept.
   */
  public TypeEnv with(TypeEnv other) {
    if (other.types.isEmpty() && other.closed.isEmpty() && other.data.isEmpty() && !other.closedRoots) {
      return this;
    }
    Map<String, ExprType> t = new LinkedHashMap<>(types);
    t.putAll(other.types);
    Set<String> c = new LinkedHashSet<>(closed);
    c.addAll(other.closed);
    Set<String> d = new LinkedHashSet<>(data);
    d.addAll(other.data);
    return new TypeEnv(t, c, d, closedRoots || other.closedRoots);
  }

  /** Builds a {@link TypeEnv}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ExprType> types = new LinkedHashMap<>();
    private final List<String> closed = new ArrayList<>();
    private final Set<String> data = new LinkedHashSet<>();
    private boolean closedRoots;

    private Builder() {}

    /** Declares the dotted variable path {@code path} with type {@code type}. */
    public Builder declare(String path, ExprType type) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(type, "type");
      if (path.isEmpty()) {
        throw new IllegalArgumentException("empty variable path");
      }
      types.put(path, type);
      return this;
    }

    /**
     * Declares {@code path} a closed object shape: its fields are exactly the paths declared
     * directly below it (in any order, before or after this call). Declares {@code path} itself
     * as {@code object} unless it has a type already.
     */
    public Builder closed(String path) {
      Objects.requireNonNull(path, "path");
      if (path.isEmpty()) {
        throw new IllegalArgumentException("empty variable path (use closedRoots())");
      }
      types.putIfAbsent(path, ExprType.OBJECT);
      closed.add(path);
      return this;
    }

    /**
     * {@link #closed(String)} for a shape of host data ({@code object.attributes} with declared
     * attribute types): a field it lacks is suggested by spelling only, never as a path through
     * one of its fields.
     */
    Builder closedData(String path) {
      closed(path);
      data.add(path);
      return this;
    }

    /** Makes the variables themselves closed: a root that is not declared cannot exist. */
    public Builder closedRoots() {
      this.closedRoots = true;
      return this;
    }

    /** The environment. */
    public TypeEnv build() {
      return new TypeEnv(types, new LinkedHashSet<>(closed), data, closedRoots);
    }
  }
}
