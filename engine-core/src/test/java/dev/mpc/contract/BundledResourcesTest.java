package dev.mpc.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract schemas and presets ship inside engine-core. When the shared contracts directory
 * is next to the checkout (as in CI), the bundled copies must be byte-identical to it.
 */
class BundledResourcesTest {
  private static final List<String> SCHEMAS = List.of("decision.schema.json", "error.schema.json",
      "event_envelope.schema.json", "intent.schema.json", "trace.schema.json");
  private static final List<String> PRESETS = List.of("preset-generic-full.json", "preset-generic-min.json",
      "preset-security-hardened.json", "preset-ui-friendly.json");

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = BundledResourcesTest.class.getClassLoader().getResourceAsStream(path)) {
      assertNotNull(in, path);
      return in.readAllBytes();
    }
  }

  @Test
  void bundled_schemasAndPresetsPresent() throws IOException {
    for (String s : SCHEMAS) {
      resource("dev/mpc/contract/schemas/" + s);
    }
    for (String p : PRESETS) {
      resource("dev/mpc/preset/" + p);
    }
  }

  @Test
  void bundled_matchSharedContracts_whenSharedIsPresent() throws IOException {
    Path shared = Path.of("..", "..", "shared", "contracts").toAbsolutePath().normalize();
    if (!Files.isDirectory(shared)) {
      return; // a checkout without ../shared has nothing to compare against; the bundled copies are then authoritative
    }
    try (Stream<Path> s = Files.list(shared.resolve("schemas"))) {
      assertEquals(SCHEMAS, s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    for (String s : SCHEMAS) {
      assertArrayEquals(Files.readAllBytes(shared.resolve("schemas").resolve(s)),
          resource("dev/mpc/contract/schemas/" + s), s);
    }
    for (String p : PRESETS) {
      assertArrayEquals(Files.readAllBytes(shared.resolve("presets").resolve(p)), resource("dev/mpc/preset/" + p), p);
    }
  }
}
