package dev.mpc.diag;

import dev.mpc.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A structured problem report: the {@code Error} contract of MPC ({@code error.schema.json}).
 * Expected outcomes (invalid manifests, failed guards, exhausted budgets) are reported as
 * diagnostics, never as exceptions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the registered code
 * @param message a human-readable message, never empty
 * @param severity how serious it is
 * @param path where in the document, e.g. {@code defs/p1/effect}
 * @param source where in the source text
 * @param details free-form structured details (empty when none)
 * @param causes nested diagnostics (empty when none)
 */
public record Diagnostic(
    Code code,
    String message,
    Severity severity,
    Optional<String> path,
    Optional<SourceMap> source,
    JsonObject details,
    List<Diagnostic> causes) {

  /** Creates a diagnostic. */
  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (message.isEmpty()) {
      throw new IllegalArgumentException("message must not be empty");
    }
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(details, "details");
    causes = List.copyOf(causes);
  }

  private static final java.util.Comparator<Diagnostic> POSITIONLESS_FIRST = (a, b) -> comparePositions(a, b, 0);
  private static final java.util.Comparator<Diagnostic> POSITIONLESS_LAST =
      (a, b) -> comparePositions(a, b, Integer.MAX_VALUE);

  /**
   * Orders diagnostics by source line, then column (a stable sort keeps discovery order for equal
   * positions).
   *
   * @param positionlessFirst whether diagnostics without a source position come first (else last)
   * @return the comparator
   */
  public static java.util.Comparator<Diagnostic> byPosition(boolean positionlessFirst) {
    return positionlessFirst ? POSITIONLESS_FIRST : POSITIONLESS_LAST;
  }

  // written out rather than Comparator.comparingInt(...).thenComparingInt(...): the JDK's own
  // lambdas are spun on first use in every process, ours come from the class-data archive
  private static int comparePositions(Diagnostic a, Diagnostic b, int missing) {
    SourceMap x = a.source().orElse(null);
    SourceMap y = b.source().orElse(null);
    int c = Integer.compare(x == null ? missing : x.line(), y == null ? missing : y.line());
    return c != 0 ? c : Integer.compare(x == null ? missing : x.col(), y == null ? missing : y.col());
  }

  /** A diagnostic with the code's default severity and nothing else. */
  public static Diagnostic of(Code code, String message) {
    return new Diagnostic(code, message, code.defaultSeverity(), Optional.empty(), Optional.empty(),
        JsonObject.EMPTY, List.of());
  }

  /** A diagnostic with the code's default severity at {@code source}. */
  public static Diagnostic of(Code code, String message, SourceMap source) {
    return of(code, message).withSource(source);
  }

  /** This diagnostic with another severity. */
  public Diagnostic withSeverity(Severity severity) {
    return new Diagnostic(code, message, severity, path, source, details, causes);
  }

  /** This diagnostic with a path. */
  public Diagnostic withPath(String path) {
    return new Diagnostic(code, message, severity, Optional.ofNullable(path), source, details, causes);
  }

  /** This diagnostic with a source map ({@code null} removes it). */
  public Diagnostic withSource(SourceMap source) {
    return new Diagnostic(code, message, severity, path, Optional.ofNullable(source), details, causes);
  }

  /** This diagnostic with details. */
  public Diagnostic withDetails(JsonObject details) {
    return new Diagnostic(code, message, severity, path, source, details, causes);
  }

  /** This diagnostic with causes. */
  public Diagnostic withCauses(List<Diagnostic> causes) {
    return new Diagnostic(code, message, severity, path, source, details, causes);
  }

  /** Whether this diagnostic fails the operation that produced it. */
  public boolean isFailure() {
    return severity.isFailure();
  }

  /** {@code [CODE] message}, prefixed with {@code file:line:col: } when the source is known. */
  @Override
  public String toString() {
    return source.map(s -> s + ": ").orElse("") + "[" + code + "] " + message;
  }
}
