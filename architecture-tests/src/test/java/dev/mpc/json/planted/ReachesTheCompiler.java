package dev.mpc.json.planted;

/** Planted violation: an engine-core class that calls the compiler (engine-dsl). */
public final class ReachesTheCompiler {
  private ReachesTheCompiler() {}

  /** Parses a manifest from the runtime: forbidden. */
  public static Object parse(String text) {
    return dev.mpc.dsl.Manifests.parseText(text);
  }
}
