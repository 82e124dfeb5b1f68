package dev.mpc.json;

/**
 * The JSON {@code null}; a singleton.
 *
 * <p>Immutable and thread-safe.
 */
public enum JsonNull implements JsonValue {
  /** The only instance. */
  INSTANCE;

  @Override
  public JsonType type() {
    return JsonType.NULL;
  }

  @Override
  public String toString() {
    return "null";
  }
}
