package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.redact.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * A readiness report ({@link GovernedRuntime#readiness()}): ready only when every check passed.
 *
 * @param checks every check, in order: the configured scopes, then the probes in registration order
 */
public record Readiness(List<Check> checks) {
  /** Creates a report. */
  public Readiness {
    checks = List.copyOf(checks);
  }

  /**
   * One check.
   *
   * @param name what was checked ({@code artifact:tenant/namespace}, or the probe's name)
   * @param ok whether it passed
   * @param code the error code when it failed ({@code E_GOV_STATE_INVALID}, {@code E_GOV_ACTIVATION_FAILED},
   *     {@code E_GOV_PROBE_TIMEOUT}, ...)
   * @param message what was found, secrets redacted
   * @param took how long the check took
   */
  public record Check(String name, boolean ok, Optional<Code> code, String message, Duration took) {
    /** Creates a check. */
    public Check {
      Req.nonEmpty(name, "name");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(took, "took");
      if (ok == code.isPresent()) {
        throw new IllegalArgumentException("a passed check has no code; a failed one has one");
      }
    }

    static Check passed(String name, String message, Duration took) {
      return new Check(name, true, Optional.empty(), message, took);
    }

    static Check failed(String name, Code code, String message, Duration took) {
      return new Check(name, false, Optional.of(code), message, took);
    }
  }

  /** Whether every check passed. */
  public boolean ready() {
    return checks.stream().allMatch(Check::ok);
  }

  /** The checks that failed. */
  public List<Check> failures() {
    return checks.stream().filter(c -> !c.ok()).toList();
  }

  /**
   * Runs every probe on {@code executor}, all at once, each bounded by {@code timeout}; a timeout,
   * an exception or a {@code false} fails it. Never waits longer than the timeout (plus scheduling).
   */
  static List<Check> probe(Map<String, Callable<?>> probes, Executor executor, Duration timeout,
      LongSupplier nanoTime, Redactor redactor) {
    List<String> names = new ArrayList<>();
    List<CompletableFuture<Check>> running = new ArrayList<>();
    for (Map.Entry<String, Callable<?>> p : probes.entrySet()) {
      String name = p.getKey();
      Callable<?> probe = p.getValue();
      long t0 = nanoTime.getAsLong();
      names.add(name);
      CompletableFuture<Check> f;
      try {
        f = CompletableFuture.supplyAsync(() -> {
          try {
            return probe.call();
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        }, executor).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((answer, error) -> {
          Duration took = Duration.ofNanos(nanoTime.getAsLong() - t0);
          if (error == null) {
            return Boolean.FALSE.equals(answer)
                ? Check.failed(name, Code.E_GOV_PROBE_FAILED, "The probe answered false", took)
                : Check.passed(name, "answered", took);
          }
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (cause instanceof TimeoutException) {
            return Check.failed(name, Code.E_GOV_PROBE_TIMEOUT, "The probe did not answer within "
                + timeout.toMillis() + " ms", took);
          }
          return Check.failed(name, Code.E_GOV_PROBE_FAILED, redactor.redactText("The probe failed: "
              + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())),
              took);
        });
      } catch (RuntimeException e) { // the executor refused the probe
        f = CompletableFuture.completedFuture(Check.failed(name, Code.E_GOV_PROBE_FAILED, redactor.redactText(
            "The probe could not be scheduled: " + e.getClass().getSimpleName()), Duration.ZERO));
      }
      running.add(f);
    }
    List<Check> out = new ArrayList<>();
    for (CompletableFuture<Check> f : running) {
      out.add(f.join());
    }
    return out;
  }
}
