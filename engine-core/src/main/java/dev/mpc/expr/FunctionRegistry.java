package dev.mpc.expr;

import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Host function implementations, each with the signature it implements. An {@link ExprEngine}
 * matches them against the DomainMeta declarations when it is built: a declared function without
 * an implementation, or an implementation whose signature disagrees with the declaration, fails
 * the build.
 *
 * <pre>{@code
 * FunctionRegistry fns = FunctionRegistry.builder()
 *     .function("openTaskCount", JsonObject.class, JsonInt.class, o -> JsonInt.of(o.size()))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe (the builder is not; confine it to one thread).
 */
public final class FunctionRegistry {
  private static final FunctionRegistry EMPTY = new FunctionRegistry(Map.of());

  /**
   * One registered function.
   *
   * @param signature what it accepts and returns (its cost is used when DomainMeta does not
   *     declare the function)
   * @param implementation the code
   */
  public record Entry(FunctionDecl signature, HostFunction implementation) {
    /** Creates an entry. */
    public Entry {
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(implementation, "implementation");
    }
  }

  private final Map<String, Entry> entries;

  private FunctionRegistry(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** A registry without host functions. */
  public static FunctionRegistry empty() {
    return EMPTY;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The function named {@code name}, if registered. */
  public Optional<Entry> get(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** Every registered function, by name, in registration order. */
  public Map<String, Entry> entries() {
    return entries;
  }

  /** The expression type a JSON value class stands for ({@code JsonValue} is {@code any}). */
  public static ExprType typeOf(Class<? extends JsonValue> type) {
    if (type == JsonString.class) {
      return ExprType.STRING;
    } else if (type == JsonInt.class) {
      return ExprType.INT;
    } else if (type == JsonFloat.class) {
      return ExprType.FLOAT;
    } else if (type == JsonBool.class) {
      return ExprType.BOOL;
    } else if (type == JsonArray.class) {
      return ExprType.ARRAY;
    } else if (type == JsonObject.class) {
      return ExprType.OBJECT;
    } else if (type == JsonNull.class) {
      return ExprType.NULL;
    }
    return ExprType.ANY;
  }

  /** Builds a {@link FunctionRegistry}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Registers {@code implementation} with {@code signature}.
     *
     * @throws IllegalArgumentException if the name is already registered
     */
    public Builder function(FunctionDecl signature, HostFunction implementation) {
      Entry e = new Entry(signature, implementation);
      if (entries.putIfAbsent(signature.name(), e) != null) {
        throw new IllegalArgumentException("function '" + signature.name() + "' registered twice");
      }
      return this;
    }

    /** Registers a one-argument function typed by the JSON value classes it takes and returns. */
    public <A extends JsonValue, R extends JsonValue> Builder function(
        String name, Class<A> argType, Class<R> returnType, Function<? super A, ? extends R> f) {
      Objects.requireNonNull(f, "f");
      FunctionDecl sig = FunctionDecl.of(name, List.of(typeOf(argType)), typeOf(returnType));
      return function(sig, args -> f.apply(argType.cast(args.get(0))));
    }

    /** Registers a two-argument function typed by the JSON value classes it takes and returns. */
    public <A extends JsonValue, B extends JsonValue, R extends JsonValue> Builder function(
        String name, Class<A> a, Class<B> b, Class<R> returnType,
        BiFunction<? super A, ? super B, ? extends R> f) {
      Objects.requireNonNull(f, "f");
      FunctionDecl sig = FunctionDecl.of(name, List.of(typeOf(a), typeOf(b)), typeOf(returnType));
      return function(sig, args -> f.apply(a.cast(args.get(0)), b.cast(args.get(1))));
    }

    /** The registry. */
    public FunctionRegistry build() {
      return new FunctionRegistry(entries);
    }
  }
}
