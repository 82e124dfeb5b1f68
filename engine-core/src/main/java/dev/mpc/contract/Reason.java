package dev.mpc.contract;

import dev.mpc.diag.Code;
import dev.mpc.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a decision came out the way it did. The code is normally a reason code ({@code R_*}); the
 * compose engine uses {@code E_COMPOSE_CONFLICT} here, as upstream does.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the registered code
 * @param summary human-readable summary, if any
 * @param path what decided (e.g. {@code policies/p1}), if known
 * @param data open structured data; empty when none
 */
public record Reason(Code code, Optional<String> summary, Optional<String> path, JsonObject data) {
  /** Creates a reason. */
  public Reason {
    Objects.requireNonNull(code, "Reason.code");
    Objects.requireNonNull(summary, "Reason.summary");
    Objects.requireNonNull(path, "Reason.path");
    Objects.requireNonNull(data, "Reason.data");
  }

  /** A reason with only a code. */
  public static Reason of(Code code) {
    return new Reason(code, Optional.empty(), Optional.empty(), JsonObject.EMPTY);
  }

  /** A reason with a code and a summary. */
  public static Reason of(Code code, String summary) {
    return new Reason(code, Optional.of(summary), Optional.empty(), JsonObject.EMPTY);
  }
}
