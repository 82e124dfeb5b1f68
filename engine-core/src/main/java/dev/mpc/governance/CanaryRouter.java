package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Routes an actor to the stable or the canary version of an artifact. Segment rules first (an
 * attribute whose value is in a segment's list goes to the canary), then a sticky bucket:
 * {@link #bucket}{@code (salt, actorId) < percent} goes to the canary. The bucket is the first 8
 * bytes of SHA-256 over the UTF-8 bytes of {@code salt + ":" + actorId}, as an unsigned big-endian
 * integer, mod 100: the same in every process and language (docs/governance.md has a test
 * vector). A killed router sends everyone to stable; {@link #rollback()} is the same, instantly.
 *
 * <p>Unlike upstream (Python's per-process salted {@code hash()}, and a random draw when there is
 * no actor id), nothing here is random: without an actor id only segment rules and a 100 % weight
 * route to the canary.
 *
 * <p>Immutable and thread-safe.
 */
public final class CanaryRouter {
  /** Why a request went where it did. */
  public enum Why {
    /** An attribute matched a segment rule. */
    SEGMENT,
    /** The actor's bucket is below the canary percentage. */
    BUCKET_CANARY,
    /** The actor's bucket is at or above the canary percentage. */
    BUCKET_STABLE,
    /** No actor id and no segment match: stable, or canary at 100 %. */
    NO_ACTOR,
    /** The kill switch is on: stable. */
    KILL_SWITCH
  }

  /**
   * A routing decision.
   *
   * @param version the chosen version
   * @param canary whether it is the canary
   * @param why the rule that decided
   * @param bucket the actor's bucket (0..99), or -1 when none was computed
   */
  public record Routing(String version, boolean canary, Why why, int bucket) {}

  private final String stable;
  private final String canary;
  private final int percent;
  private final Map<String, List<JsonValue>> segments;
  private final String salt;
  private final boolean killed;

  private CanaryRouter(String stable, String canary, int percent, Map<String, List<JsonValue>> segments, String salt,
      boolean killed) {
    this.stable = stable;
    this.canary = canary;
    this.percent = percent;
    this.segments = segments;
    this.salt = salt;
    this.killed = killed;
  }

  /** A builder; stable and canary versions are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bucket (0..99) of {@code actorId} under {@code salt}: SHA-256 first 8 bytes, unsigned, mod 100. */
  public static int bucket(String salt, String actorId) {
    byte[] h = Canonical.sha256((salt + ":" + actorId).getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return (int) Long.remainderUnsigned(v, 100);
  }

  /** Routes an actor ({@code actorId} may be null or empty) with {@code attributes}. */
  public Routing route(String actorId, JsonObject attributes) {
    if (killed) {
      return new Routing(stable, false, Why.KILL_SWITCH, -1);
    }
    if (attributes != null && !attributes.members().isEmpty()) {
      for (Map.Entry<String, List<JsonValue>> s : segments.entrySet()) {
        JsonValue v = attributes.getOrNull(s.getKey());
        if (v != null && s.getValue().contains(v)) {
          return new Routing(canary, true, Why.SEGMENT, -1);
        }
      }
    }
    if (actorId == null || actorId.isEmpty()) {
      return percent >= 100 ? new Routing(canary, true, Why.NO_ACTOR, -1) : new Routing(stable, false, Why.NO_ACTOR, -1);
    }
    int b = bucket(salt, actorId);
    return b < percent ? new Routing(canary, true, Why.BUCKET_CANARY, b) : new Routing(stable, false, Why.BUCKET_STABLE, b);
  }

  /** The canary percentage (0..100). */
  public int percent() {
    return percent;
  }

  /** Whether the kill switch is on. */
  public boolean killed() {
    return killed;
  }

  /** This router with another canary percentage (0..100; anything else is an error). */
  public Result<CanaryRouter> withPercent(int p) {
    if (p < 0 || p > 100) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "the canary percentage must be 0..100, got " + p));
    }
    return Result.ok(new CanaryRouter(stable, canary, p, segments, salt, killed));
  }

  /** This router with the kill switch on (everyone to stable) or off. */
  public CanaryRouter withKillSwitch(boolean on) {
    return new CanaryRouter(stable, canary, percent, segments, salt, on);
  }

  /** Instant rollback: everyone to the stable version (percent 0, no segments). */
  public CanaryRouter rollback() {
    return new CanaryRouter(stable, canary, 0, Map.of(), salt, killed);
  }

  /** Builds a {@link CanaryRouter}; {@link #build()} lists every problem. Not thread-safe. */
  public static final class Builder {
    private String stable;
    private String canary;
    private double weight = 0.0;
    private final Map<String, List<JsonValue>> segments = new LinkedHashMap<>();
    private String salt = "";
    private boolean killed;
    private final List<Diagnostic> problems = new ArrayList<>();

    private Builder() {}

    /** The stable version (e.g. an artifact hash). */
    public Builder stable(String version) {
      this.stable = version;
      return this;
    }

    /** The canary version. */
    public Builder canary(String version) {
      this.canary = version;
      return this;
    }

    /** The canary share, 0.0..1.0 (rounded to a whole percent, half up). */
    public Builder weight(double w) {
      if (!(w >= 0.0 && w <= 1.0)) {
        problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "the canary weight must be within 0.0..1.0, got " + w));
      } else {
        this.weight = w;
      }
      return this;
    }

    /** A segment rule: an actor whose attribute {@code attribute} is one of {@code values} goes to the canary. */
    public Builder segment(String attribute, List<? extends JsonValue> values) {
      if (attribute == null || attribute.isEmpty() || values == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "a segment needs an attribute and values"));
      } else {
        segments.put(attribute, List.copyOf(values));
      }
      return this;
    }

    /** The bucket salt (default empty): a new salt reshuffles who is in the canary. */
    public Builder salt(String salt) {
      this.salt = Objects.requireNonNullElse(salt, "");
      return this;
    }

    /** The kill switch. */
    public Builder killed(boolean on) {
      this.killed = on;
      return this;
    }

    /** The router, or every problem. */
    public Result<CanaryRouter> build() {
      List<Diagnostic> all = new ArrayList<>(problems);
      if (stable == null || stable.isEmpty()) {
        all.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "the stable version is required"));
      }
      if (canary == null || canary.isEmpty()) {
        all.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "the canary version is required"));
      }
      if (!all.isEmpty()) {
        return Result.failed(all);
      }
      int p = (int) Math.floor(weight * 100 + 0.5);
      return Result.ok(new CanaryRouter(stable, canary, p, java.util.Collections.unmodifiableMap(
          new LinkedHashMap<>(segments)), salt, killed));
    }
  }
}
