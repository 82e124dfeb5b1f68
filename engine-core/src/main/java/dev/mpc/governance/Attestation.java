package dev.mpc.governance;

import dev.mpc.json.JsonObject;
import java.util.Objects;

/**
 * A statement about a bundle's artifact (for example {@code preset-applied} or
 * {@code conformance-passed}) with its content. The content is part of what is signed.
 *
 * @param type what is attested (non-empty)
 * @param content the attestation's data (e.g. the preset name, the fixture counts)
 */
public record Attestation(String type, JsonObject content) {
  /** The attestation that the named preset was applied at compile time. */
  public static final String PRESET_APPLIED = "preset-applied";
  /** The attestation that a conformance run passed. */
  public static final String CONFORMANCE_PASSED = "conformance-passed";

  /** Creates an attestation. */
  public Attestation {
    Req.nonEmpty(type, "Attestation.type");
    Objects.requireNonNull(content, "Attestation.content");
  }
}
