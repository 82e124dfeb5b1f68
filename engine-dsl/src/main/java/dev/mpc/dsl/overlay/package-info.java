/**
 * Overlays: {@link dev.mpc.dsl.overlay.OverlayEngine} applies {@code Overlay} definitions
 * (replace, merge, append, remove, patch, selected by kind, namespace and id) to a base manifest and
 * returns a new manifest with every problem as a coded diagnostic
 * ({@code E_OVERLAY_CONFLICT}, {@code E_OVERLAY_UNKNOWN_SELECTOR}, {@code E_OVERLAY_INVALID_OP}).
 */
package dev.mpc.dsl.overlay;
