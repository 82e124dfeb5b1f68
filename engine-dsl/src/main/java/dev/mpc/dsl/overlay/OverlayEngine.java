package dev.mpc.dsl.overlay;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies overlays (tenant, environment or variant customisations) to a base manifest and returns
 * a new manifest; the input is never modified.
 *
 * <pre>{@code
 * OverlayEngine engine = OverlayEngine.standard();
 * OverlayResult r = engine.apply(base, overlays);   // overlays: the Overlay defs of another manifest
 * Result<ManifestAst> tenantManifest = r.toResult();
 * }</pre>
 *
 * <p>An overlay is a definition of kind {@code Overlay}:
 * <pre>
 * def Overlay tighten {
 *   selector: { kind: "Policy", id: "p1" }   // or target: "p1"; namespace matches the base manifest's
 *   op: "replace"                            // replace | merge | append | remove | patch
 *   path: "attributes.effect"                // dotted, or a JSON Pointer such as "/attributes/effect"
 *   value: "deny"
 * }
 * </pre>
 *
 * <p>Two {@linkplain Mode modes}. {@link Mode#STRICT} (the default) checks every overlay and fails
 * the whole application on any problem: {@code op} is required; {@code E_OVERLAY_UNKNOWN_SELECTOR}
 * when nothing matches (unless {@code ifMissing: "skip"} or {@code "create"}); payload shapes are
 * checked ({@code E_OVERLAY_INVALID_OP}); any two overlays writing overlapping paths of one
 * definition ({@code a} and {@code a.b}, or a whole-definition replace and anything) are an
 * {@code E_OVERLAY_CONFLICT} unless the later one declares {@code resolve: "override"}.
 * {@link Mode#UPSTREAM_COMPAT} reproduces upstream MPC's engine (engines spec §8), minus input
 * mutation. Every diagnostic carries the overlay definition's source map. See
 * {@code docs/imports-and-overlays.md} for the exact semantics of each op.
 *
 * <p>Immutable and thread-safe: build once, share freely.
 */
public final class OverlayEngine {
  private static final Logger LOG = LoggerFactory.getLogger(OverlayEngine.class);
  private static final OverlayEngine STANDARD = builder().build();

  /** The kind of overlay definitions. */
  public static final String KIND = "Overlay";

  /** Overlay semantics. */
  public enum Mode {
    /** Checked, conflict-detecting, all-or-nothing semantics (the default). */
    STRICT,
    /**
     * Upstream MPC's semantics: default op {@code merge}, partial application, only replace/replace
     * on one path detected as a conflict (and still applied: last write wins), silent removal of
     * nothing, creation of nodes by unmatched replace/append, first value of an object payload at a
     * path. For conformance and migration only.
     */
    UPSTREAM_COMPAT
  }

  private final Mode mode;

  private OverlayEngine(Mode mode) {
    this.mode = mode;
  }

  /**
   * The strict engine.
   *
   * @return the strict engine
   */
  public static OverlayEngine standard() {
    return STANDARD;
  }

  /**
   * A new builder (strict mode).
   *
   * @return a new builder (strict mode)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The mode.
   *
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * Applies the top-level {@code Overlay} definitions of {@code overlays}, in order, to
   * {@code base}; other definitions of {@code overlays} are ignored.
   *
   * @param base the base
   * @param overlays the overlays
   * @return the overlay result
   */
  public OverlayResult apply(ManifestAst base, ManifestAst overlays) {
    Objects.requireNonNull(overlays, "overlays");
    List<AstNode> defs = new ArrayList<>();
    for (AstNode d : overlays.defs()) {
      if (d.kind().equals(KIND)) {
        defs.add(d);
      }
    }
    return apply(base, defs);
  }

  /**
   * Applies {@code overlays} (whatever their kind), in order, to {@code base}.
   *
   * @param base the base
   * @param overlays the overlays
   * @return the overlay result
   */
  public OverlayResult apply(ManifestAst base, List<AstNode> overlays) {
    Objects.requireNonNull(base, "base");
    List<AstNode> list = List.copyOf(overlays);
    try {
      return switch (mode) {
        case STRICT -> new StrictOverlays().apply(base, list);
        case UPSTREAM_COMPAT -> new UpstreamOverlays("merge").apply(base, list);
      };
    } catch (RuntimeException | StackOverflowError e) {
      LOG.error("internal error while applying overlays", e);
      return new OverlayResult(Optional.empty(), List.of(), List.of(Diagnostic.of(Code.E_INTERNAL,
          "Internal error while applying overlays: " + e.getClass().getSimpleName())));
    }
  }

  @Override
  public String toString() {
    return "OverlayEngine[mode=" + mode + "]";
  }

  /** Builds an {@link OverlayEngine}. Not thread-safe; confine to one thread, then build. */
  public static final class Builder {
    private Mode mode = Mode.STRICT;

    private Builder() {}

    /**
     * The mode (default {@link Mode#STRICT}).
     *
     * @param mode the mode
     * @return the mode (default {@link Mode#STRICT})
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The engine.
     *
     * @return the engine
     */
    public OverlayEngine build() {
      return new OverlayEngine(mode);
    }
  }
}
