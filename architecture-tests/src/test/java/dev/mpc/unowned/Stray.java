package dev.mpc.unowned;

/** Planted violation: a class in a package no module of the architecture map owns. */
public final class Stray {
  private Stray() {}
}
