package dev.mpc.artifact;

import dev.mpc.meta.DomainMeta;
import dev.mpc.json.JsonObject;

/**
 * A DomainMeta with its JSON form and meta hash, computed once (a compiler compiles many manifests
 * against one meta). Only {@link #of(DomainMeta)} creates one, so the hash always matches.
 *
 * <p>Immutable and thread-safe.
 */
public final class MetaIdentity {
  private final DomainMeta meta;
  private final JsonObject json;
  private final String hash;

  private MetaIdentity(DomainMeta meta) {
    this.meta = meta;
    this.json = meta.toJson();
    this.hash = meta.hash();
  }

  /** The identity of {@code meta}. */
  public static MetaIdentity of(DomainMeta meta) {
    return new MetaIdentity(meta);
  }

  /** The meta. */
  public DomainMeta meta() {
    return meta;
  }

  /** Its full JSON form. */
  public JsonObject json() {
    return json;
  }

  /** The meta hash. */
  public String hash() {
    return hash;
  }
}
