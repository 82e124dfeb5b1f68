package dev.mpc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the {@code mpc} script's class-data-sharing archive
 * ({@code java -XX:ArchiveClassesAtExit=mpc.jar.jsa -cp mpc.jar dev.mpc.cli.CdsTraining}): in one
 * process it runs the commands people run most (validate, compile, lint and test, in text and
 * JSON, valid and broken inputs, plus {@code demo}) over the example manifests in the jar, so the
 * archive holds the classes and lambdas of those paths and each later command starts with them
 * already loaded and linked. Prints nothing; exit 0, or 3 if a command failed unexpectedly.
 */
public final class CdsTraining {
  private static final List<String> FILES = List.of("order-rules.mpc", "order-meta.yaml", "order-access.mpc",
      "order-access-meta.yaml", "order-access.mpctest.yaml", "order-approval.mpc");

  private CdsTraining() {}

  /**
   * Runs the training commands.
   *
   * @param args ignored
   * @throws IOException if the temporary directory cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("mpc-cds-");
    try {
      for (String f : FILES) {
        try (InputStream in = CdsTraining.class.getResourceAsStream("demo/" + f)) {
          Files.copy(in, dir.resolve(f));
        }
      }
      Files.writeString(dir.resolve("broken.mpc"), Files.readString(dir.resolve("order-rules.mpc"))
          .replace("effect: \"allow\"", "effect: \"alow\"").replace("def Entity", "def Entty"));
      PrintStream none = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      CliIo io = new CliIo(none, none, dir);
      List<List<String>> runs = List.of(
          List.of("validate", "order-rules.mpc", "--meta", "order-meta.yaml"),
          List.of("validate", "broken.mpc", "--meta", "order-meta.yaml", "--format", "text"),
          List.of("validate", "broken.mpc", "--meta", "order-meta.yaml", "--format", "json"),
          List.of("validate", ".", "--meta", "order-meta.yaml", "--format", "text"),
          List.of("compile", "order-rules.mpc", "--meta", "order-meta.yaml", "-o", "rules.artifact.json"),
          List.of("compile", "broken.mpc", "--meta", "order-meta.yaml", "-o", "broken.artifact.json"),
          List.of("lint", "order-access.mpc", "--meta", "order-access-meta.yaml", "--format", "text"),
          List.of("lint", "order-access.mpc", "--meta", "order-access-meta.yaml", "--format", "json"),
          List.of("test", "order-access.mpctest.yaml", "--coverage"),
          List.of("test", ".", "--format", "json"),
          List.of("hash", "order-rules.mpc"),
          List.of("demo"));
      int worst = 0;
      for (List<String> run : runs) {
        worst = Math.max(worst, Main.run(run, io));
      }
      if (worst > 1) {
        System.exit(3);
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
