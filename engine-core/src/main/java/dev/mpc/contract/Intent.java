package dev.mpc.contract;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A side effect an engine recommends and the host executes ({@code intent.schema.json}).
 *
 * <p>The record itself accepts any combination its schema accepts (engines echo intents that
 * manifest authors wrote, and upstream fixtures carry intents without the taxonomy's parameters).
 * {@link #problems()} checks an intent against the taxonomy of its {@link IntentKind}, and
 * {@link #builder(IntentKind)} builds only intents that satisfy it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the registered kind
 * @param target what the intent applies to (non-empty when present)
 * @param params kind-specific parameters; empty when none (an empty map is not written to JSON)
 * @param idempotencyKey key that makes execution idempotent (non-empty when present)
 */
public record Intent(IntentKind kind, Optional<String> target, JsonObject params, Optional<String> idempotencyKey) {

  /** Creates an intent. */
  public Intent {
    Objects.requireNonNull(kind, "Intent.kind");
    Objects.requireNonNull(target, "Intent.target");
    target.ifPresent(t -> Contracts.requireNonEmpty(t, "Intent.target"));
    Objects.requireNonNull(params, "Intent.params");
    Objects.requireNonNull(idempotencyKey, "Intent.idempotencyKey");
    idempotencyKey.ifPresent(k -> Contracts.requireNonEmpty(k, "Intent.idempotencyKey"));
  }

  /** An intent with only a kind and a target. */
  public static Intent of(IntentKind kind, String target) {
    return new Intent(kind, Optional.of(target), JsonObject.EMPTY, Optional.empty());
  }

  /** A builder that checks the taxonomy. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static Builder builder(IntentKind kind) {
    return new Builder(kind);
  }

  /**
   * What this intent lacks or has wrong according to the taxonomy: missing target
   * ({@code E_META_MISSING_REQUIRED_FIELD}), missing idempotency key or required parameter (same
   * code), a known parameter of the wrong type ({@code E_META_TYPE_NOT_ALLOWED}). Empty when the
   * intent is complete.
   */
  public List<Diagnostic> problems() {
    List<Diagnostic> out = new ArrayList<>();
    String k = kind.wireName();
    if (target.isEmpty()) {
      out.add(Diagnostic.of(Code.E_META_MISSING_REQUIRED_FIELD, "Intent '" + k + "' requires a target"));
    }
    if (kind.idempotencyKeyRequired() && idempotencyKey.isEmpty()) {
      out.add(Diagnostic.of(Code.E_META_MISSING_REQUIRED_FIELD, "Intent '" + k + "' requires an idempotencyKey"));
    }
    for (IntentKind.Param p : kind.requiredParams()) {
      JsonValue v = params.getOrNull(p.name());
      if (v == null) {
        out.add(Diagnostic.of(Code.E_META_MISSING_REQUIRED_FIELD,
            "Intent '" + k + "' requires param '" + p.name() + "' (" + p.type().typeName() + ")"));
      } else if (v.type() != p.type()) {
        out.add(typeProblem(k, p, v));
      }
    }
    for (IntentKind.Param p : kind.optionalParams()) {
      JsonValue v = params.getOrNull(p.name());
      if (v != null && v.type() != p.type()) {
        out.add(typeProblem(k, p, v));
      }
    }
    return List.copyOf(out);
  }

  private static Diagnostic typeProblem(String kind, IntentKind.Param p, JsonValue v) {
    return Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "Intent '" + kind + "' param '" + p.name() + "' must be "
        + p.type().typeName() + ", got " + v.type().typeName());
  }

  /**
   * Removes duplicates, keeping the first occurrence and the order: two intents are duplicates
   * when kind, target and idempotency key are equal (absent equals absent); params are ignored.
   */
  public static List<Intent> deduplicate(List<Intent> intents) {
    Set<List<Object>> seen = new HashSet<>();
    List<Intent> out = new ArrayList<>(intents.size());
    for (Intent i : intents) {
      if (seen.add(List.of(i.kind, i.target, i.idempotencyKey))) {
        out.add(i);
      }
    }
    return List.copyOf(out);
  }

  /** Builds intents that satisfy the taxonomy. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static final class Builder {
    private final IntentKind kind;
    private String target;
    private final java.util.LinkedHashMap<String, JsonValue> params = new java.util.LinkedHashMap<>();
    private String idempotencyKey;

    private Builder(IntentKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Sets the target. */
    public Builder target(String target) {
      this.target = Contracts.requireNonEmpty(target, "Intent.target");
      return this;
    }

    /** Sets a parameter. */
    public Builder param(String name, JsonValue value) {
      params.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the idempotency key. */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = Contracts.requireNonEmpty(key, "Intent.idempotencyKey");
      return this;
    }

    /**
     * Builds the intent.
     *
     * @throws IllegalStateException naming every taxonomy problem if the intent is incomplete
     */
    public Intent build() {
      Intent intent = new Intent(kind, Optional.ofNullable(target), JsonObject.of(params), Optional.ofNullable(idempotencyKey));
      List<Diagnostic> problems = intent.problems();
      if (!problems.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : problems) {
          sb.append(sb.length() == 0 ? "" : "; ").append(d.message());
        }
        throw new IllegalStateException(sb.toString());
      }
      return intent;
    }
  }
}
