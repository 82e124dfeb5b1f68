package dev.mpc.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object: string keys in insertion order. Key order matters for "first"/"declaration
 * order" rules; canonicalization sorts keys, so it never matters for hashes. Equality ignores
 * order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param members the members, in insertion order
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
  /** The empty object. */
  public static final JsonObject EMPTY = new JsonObject(Map.of());

  /**
   * Creates an object; the map is copied, keeping its iteration order (a map a {@link Builder}
   * produced is adopted as is: nothing else can reach or change it).
   */
  public JsonObject {
    if (!(members instanceof Frozen)) {
      LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members.size() * 4 / 3 + 1);
      for (Map.Entry<String, JsonValue> e : members.entrySet()) {
        copy.put(Objects.requireNonNull(e.getKey(), "key"), Objects.requireNonNull(e.getValue(), "value"));
      }
      members = new Frozen(copy);
    }
  }

  /** An unmodifiable view of a map that only this class creates and never changes after. */
  private static final class Frozen extends java.util.AbstractMap<String, JsonValue> {
    private final LinkedHashMap<String, JsonValue> map;

    Frozen(LinkedHashMap<String, JsonValue> map) {
      this.map = map;
    }

    @Override
    public JsonValue get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public java.util.Set<String> keySet() {
      return Collections.unmodifiableSet(map.keySet());
    }

    @Override
    public java.util.Collection<JsonValue> values() {
      return Collections.unmodifiableCollection(map.values());
    }

    @Override
    public java.util.Set<Map.Entry<String, JsonValue>> entrySet() {
      return Collections.unmodifiableMap(map).entrySet();
    }
  }

  /** An object holding {@code members} in their iteration order. */
  @SuppressWarnings("unchecked")
  public static JsonObject of(Map<String, ? extends JsonValue> members) {
    return members.isEmpty() ? EMPTY : new JsonObject((Map<String, JsonValue>) members);
  }

  /** A new builder. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The member {@code key}, if present. */
  public Optional<JsonValue> get(String key) {
    return Optional.ofNullable(members.get(key));
  }

  /** The member {@code key}, or {@code null} if absent (a present JSON null is {@link JsonNull}). */
  public JsonValue getOrNull(String key) {
    return members.get(key);
  }

  /** Whether {@code key} is present (with any value, including JSON null). */
  public boolean has(String key) {
    return members.containsKey(key);
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }

  /** Whether the object has no members. */
  public boolean isEmpty() {
    return members.isEmpty();
  }

  @Override
  public JsonType type() {
    return JsonType.OBJECT;
  }

  @Override
  public String toString() {
    return Canonical.json(this);
  }

  /** Builds a {@link JsonObject}. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static final class Builder {
    private LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
    /** Whether {@link #members} was handed to a built object (the next change copies it first). */
    private boolean shared;

    private Builder() {}

    /** Sets {@code key}; a repeated key keeps its first position and takes the new value. */
    public Builder put(String key, JsonValue value) {
      if (shared) {
        members = new LinkedHashMap<>(members);
        shared = false;
      }
      members.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Whether {@code key} was put. */
    public boolean has(String key) {
      return members.containsKey(key);
    }

    /** Sets {@code key} to a string. */
    public Builder put(String key, String value) {
      return put(key, JsonString.of(value));
    }

    /** Sets {@code key} to a boolean. */
    public Builder put(String key, boolean value) {
      return put(key, JsonBool.of(value));
    }

    /** Sets {@code key} to an integer. */
    public Builder put(String key, long value) {
      return put(key, JsonInt.of(value));
    }

    /** Sets {@code key} only if {@code value} is non-null. */
    public Builder putIfNotNull(String key, JsonValue value) {
      if (value != null) {
        put(key, value);
      }
      return this;
    }

    /** Sets {@code key} to a string only if {@code value} is non-null. */
    public Builder putIfNotNull(String key, String value) {
      if (value != null) {
        put(key, value);
      }
      return this;
    }

    /**
     * The object. Its members are handed over without copying; the builder stays usable (its next
     * change works on a copy, so objects already built never change).
     */
    public JsonObject build() {
      if (members.isEmpty()) {
        return EMPTY;
      }
      shared = true;
      return new JsonObject(new Frozen(members));
    }
  }
}
