package dev.mpc.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The static types of the variables an evaluation context provides, declared by the host, e.g.
 * {@code actor.clearance: int}, {@code event.kind: string}. A reference to a declared path has the
 * declared type (checked at compile time against every use, and at run time against the bound
 * value); an undeclared path has type {@code any} and is checked wherever it is used.
 *
 * <p>Immutable and thread-safe (the builder is not).
 */
public final class TypeEnv {
  private static final TypeEnv EMPTY = new TypeEnv(Map.of());

  private final Map<String, ExprType> types;

  private TypeEnv(Map<String, ExprType> types) {
    this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
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

  /** Builds a {@link TypeEnv}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ExprType> types = new LinkedHashMap<>();

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

    /** The environment. */
    public TypeEnv build() {
      return new TypeEnv(types);
    }
  }
}
