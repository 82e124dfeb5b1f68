package dev.mpc.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of an operation on untrusted input (parse, validate, compile, decode): either a
 * value with possibly some non-failing diagnostics ({@link Ok}), or failing diagnostics
 * ({@link Failed}). Never thrown; inspect it, or call {@link #orElseThrow()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the value type
 */
public sealed interface Result<T> permits Result.Ok, Result.Failed {

  /** A successful result without diagnostics. */
  static <T> Result<T> ok(T value) {
    return new Ok<>(value, List.of());
  }

  /** A successful result with non-failing diagnostics (warnings, infos). */
  static <T> Result<T> ok(T value, List<Diagnostic> diagnostics) {
    return new Ok<>(value, diagnostics);
  }

  /** A failed result. */
  static <T> Result<T> failed(List<Diagnostic> diagnostics) {
    return new Failed<>(diagnostics);
  }

  /** A failed result with one diagnostic. */
  static <T> Result<T> failed(Diagnostic diagnostic) {
    return new Failed<>(List.of(diagnostic));
  }

  /** All diagnostics, in the order they were reported. */
  List<Diagnostic> diagnostics();

  /** Whether this is an {@link Ok}. */
  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value, if this is an {@link Ok}. */
  default Optional<T> value() {
    return this instanceof Ok<T> ok ? Optional.of(ok.get()) : Optional.empty();
  }

  /**
   * The value.
   *
   * @throws MpcException carrying the diagnostics if this is a {@link Failed}
   */
  default T orElseThrow() {
    if (this instanceof Ok<T> ok) {
      return ok.get();
    }
    throw new MpcException(diagnostics());
  }

  /** Maps the value of an {@link Ok}; a {@link Failed} passes through. */
  default <U> Result<U> map(Function<? super T, ? extends U> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.get()), ok.diagnostics());
    }
    return new Failed<>(diagnostics());
  }

  /** Chains another operation on the value of an {@link Ok}, keeping earlier diagnostics. */
  default <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
    if (this instanceof Ok<T> ok) {
      Result<U> next = f.apply(ok.get());
      if (ok.diagnostics().isEmpty()) {
        return next;
      }
      List<Diagnostic> all = new ArrayList<>(ok.diagnostics());
      all.addAll(next.diagnostics());
      return next instanceof Ok<U> n ? new Ok<>(n.get(), all) : new Failed<>(all);
    }
    return new Failed<>(diagnostics());
  }

  /**
   * A success.
   *
   * @param get the value
   * @param diagnostics non-failing diagnostics
   * @param <T> the value type
   */
  record Ok<T>(T get, List<Diagnostic> diagnostics) implements Result<T> {
    /** Creates a success; no diagnostic may be a failure. */
    public Ok {
      Objects.requireNonNull(get, "value");
      diagnostics = List.copyOf(diagnostics);
      for (Diagnostic d : diagnostics) {
        if (d.isFailure()) {
          throw new IllegalArgumentException("an Ok result cannot carry a failing diagnostic: " + d);
        }
      }
    }
  }

  /**
   * A failure.
   *
   * @param diagnostics at least one diagnostic, at least one of them failing
   * @param <T> the value type
   */
  record Failed<T>(List<Diagnostic> diagnostics) implements Result<T> {
    /** Creates a failure. */
    public Failed {
      diagnostics = List.copyOf(diagnostics);
      if (diagnostics.stream().noneMatch(Diagnostic::isFailure)) {
        throw new IllegalArgumentException("a Failed result needs at least one failing diagnostic");
      }
    }
  }
}
