package dev.mpc.contract.internal;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array the engine built and never touches again: the contract
 * records ({@code Decision}) keep it as it is instead of copying it. Internal: only engine code
 * that owns the array may wrap it ({@link #wrap}); no element is null.
 *
 * @param <E> the element type
 */
public final class SealedList<E> extends AbstractList<E> implements RandomAccess {
  private final Object[] items;

  private SealedList(Object[] items) {
    this.items = items;
  }

  /**
   * Wraps {@code items}, which the caller hands over: it must not keep, write or expose the array.
   *
   * @throws NullPointerException if an element is null
   */
  public static <E> SealedList<E> wrap(Object[] items) {
    for (Object o : items) {
      Objects.requireNonNull(o, "element");
    }
    return new SealedList<>(items);
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    return (E) items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
