package dev.mpc.json;

import java.util.List;

/**
 * A JSON array. Order is significant and is never changed by canonicalization.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the elements, in order
 */
public record JsonArray(List<JsonValue> items) implements JsonValue {
  /** The empty array. */
  public static final JsonArray EMPTY = new JsonArray(List.of());

  /** Creates an array; the list is copied. */
  public JsonArray {
    items = List.copyOf(items);
  }

  /** An array holding {@code items}. */
  public static JsonArray of(List<? extends JsonValue> items) {
    return items.isEmpty() ? EMPTY : new JsonArray(List.copyOf(items));
  }

  /** An array holding {@code items}. */
  public static JsonArray of(JsonValue... items) {
    return of(List.of(items));
  }

  /** The number of elements. */
  public int size() {
    return items.size();
  }

  /** Element {@code index}. */
  public JsonValue get(int index) {
    return items.get(index);
  }

  /** Whether the array is empty. */
  public boolean isEmpty() {
    return items.isEmpty();
  }

  @Override
  public JsonType type() {
    return JsonType.ARRAY;
  }

  @Override
  public String toString() {
    return Canonical.json(this);
  }
}
