package dev.mpc.json.planted;

import org.snakeyaml.engine.v2.api.LoadSettings;

/** Planted violation: an engine-core class that needs the YAML library. */
public final class ParsesYaml {
  private ParsesYaml() {}

  /** Builds YAML settings in the runtime: forbidden. */
  public static Object settings() {
    return LoadSettings.builder().build();
  }
}
