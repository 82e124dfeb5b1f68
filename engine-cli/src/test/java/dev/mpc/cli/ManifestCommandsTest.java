package dev.mpc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCommandsTest {
  static final String DSL = "@schema 1\n@namespace \"acme\"\ndef Policy p \"P\" { effect: \"allow\", n: [1, 2.5] }\n";

  @TempDir
  Path dir;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  CliIo io() {
    return new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void parse_validManifest_printsCanonicalAstJson() throws Exception {
    Files.writeString(dir.resolve("m.manifest"), DSL);
    assertEquals(0, new ParseCommand().run(List.of("m.manifest"), io()));
    assertEquals("{\"defs\":[{\"id\":\"p\",\"kind\":\"Policy\",\"name\":\"P\",\"properties\":{\"effect\":\"allow\","
        + "\"n\":[1,2.5]}}],\"manifestVersion\":\"0.0.0\",\"name\":\"\",\"namespace\":\"acme\",\"schemaVersion\":1}\n", out());
  }

  @Test
  void hash_sameManifestInEverySyntax_printsSameHash() throws Exception {
    Files.writeString(dir.resolve("m.manifest"), DSL);
    assertEquals(0, new HashCommand().run(List.of("m.manifest"), io()));
    String hash = out();
    assertTrue(hash.matches("[0-9a-f]{64}\n"), hash);
    for (String to : List.of("yaml", "json", "dsl")) {
      out.reset();
      assertEquals(0, new FmtCommand().run(List.of("m.manifest", "--to", to), io()));
      Files.writeString(dir.resolve("converted"), out());
      out.reset();
      assertEquals(0, new HashCommand().run(List.of("converted", "--syntax", to), io()));
      assertEquals(hash, out(), to);
    }
  }

  @Test
  void parse_invalidManifest_printsErrorsAndExits1() throws Exception {
    Files.writeString(dir.resolve("bad.manifest"), "def K a {\n  x: foo\n}\n");
    assertEquals(1, new ParseCommand().run(List.of("bad.manifest"), io()));
    String text = out();
    assertTrue(text.startsWith("{\"errors\":[{\"code\":\"E_PARSE_SYNTAX\",\"message\":\"DSL parse error at line 2, col 6: "),
        text);
    assertTrue(text.contains("\"severity\":\"error\",\"source\":{\"col\":6,\"file\":"), text);
  }

  @Test
  void parse_unknownSyntax_isUnsupportedFormatError() throws Exception {
    Files.writeString(dir.resolve("m.manifest"), DSL);
    assertEquals(1, new ParseCommand().run(List.of("m.manifest", "--syntax", "toml"), io()));
    assertEquals("{\"errors\":[{\"code\":\"E_PARSE_UNSUPPORTED_FORMAT\",\"message\":\"Unknown format: 'toml'\","
        + "\"severity\":\"error\"}]}\n", out());
  }

  @Test
  void commands_badArgumentsOrMissingFile_areUsageOrIoErrors() throws IOException, UsageException {
    assertThrows(UsageException.class, () -> new ParseCommand().run(List.of(), io()));
    assertThrows(UsageException.class, () -> new FmtCommand().run(List.of("m.manifest"), io()));
    assertThrows(UsageException.class, () -> new FmtCommand().run(List.of("m.manifest", "--to", "xml"), io()));
    assertThrows(UsageException.class, () -> new HashCommand().run(List.of("a", "b"), io()));
    UsageException e = assertThrows(UsageException.class, () -> new HashCommand().run(List.of("missing.yaml"), io()));
    assertEquals("[E_INPUT_UNREADABLE] cannot read 'missing.yaml': no such file", e.getMessage());
  }

  @Test
  void commands_areRegistered() {
    assertTrue(Commands.all().stream().map(Command::name).toList().containsAll(List.of("parse", "hash", "fmt")));
  }
}
