package dev.mpc.workflow.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The state names of one interned configuration of a compiled workflow: an unmodifiable list
 * (list equality and hash code, so it is interchangeable with any other list of the same names)
 * that also knows the configuration it names, so the engine finds it again without a lookup when
 * an instance comes back. {@code WorkflowInstance} and {@code TransitionRecord} keep it as is
 * instead of copying it. Internal: only the workflow runtime creates it.
 */
public final class StateList extends AbstractList<String> implements RandomAccess {
  private final String[] names;
  /** The configuration it names ({@code Compiled.Config}); opaque outside this package. */
  final Object owner;

  StateList(String[] names, Object owner) {
    this.names = names;
    this.owner = owner;
  }

  @Override
  public String get(int index) {
    return names[index];
  }

  @Override
  public int size() {
    return names.length;
  }
}
