package dev.mpc.cli;

import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.SourceMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics as people read them, as cel-java and rustc print theirs:
 *
 * <pre>
 * rules.mpc:4:11: error E_POLICY_INVALID_TEMPLATE: Property 'effect' of Policy 'p' must be "allow" or "deny", found "maybe"
 *    4 |   effect: "maybe"
 *      |           ^~~~~~~
 * </pre>
 *
 * The source line is read from the diagnostic's file (relative to the working directory) when it
 * can be; otherwise only the first line is printed.
 */
final class DiagnosticText {
  private DiagnosticText() {}

  static String render(List<Diagnostic> diagnostics, CliIo io) {
    StringBuilder sb = new StringBuilder();
    Map<String, List<String>> files = new HashMap<>();
    for (Diagnostic d : diagnostics) {
      SourceMap s = d.source().orElse(null);
      if (s != null) {
        s.file().ifPresent(f -> sb.append(f).append(':'));
        sb.append(s.line()).append(':').append(s.col()).append(": ");
      }
      sb.append(d.severity().wireName()).append(' ').append(d.code().code()).append(": ").append(d.message()).append('\n');
      if (s == null || s.file().isEmpty() || s.line() < 1) {
        continue;
      }
      List<String> lines = files.computeIfAbsent(s.file().get(), f -> read(io.resolve(f)));
      if (s.line() > lines.size()) {
        continue;
      }
      String line = lines.get(s.line() - 1);
      String no = String.valueOf(s.line());
      String pad = " ".repeat(no.length());
      sb.append(' ').append(no).append(" | ").append(line).append('\n');
      int col = Math.max(1, Math.min(s.col(), line.length() + 1));
      int end = s.span().filter(sp -> sp.line2() == s.line()).map(sp -> sp.col2()).orElse(col + 1);
      int width = Math.max(1, Math.min(end, line.length() + 1) - col);
      StringBuilder marker = new StringBuilder();
      for (int i = 1; i < col; i++) {
        marker.append(i - 1 < line.length() && line.charAt(i - 1) == '\t' ? '\t' : ' ');
      }
      marker.append('^').append("~".repeat(Math.max(0, width - 1)));
      sb.append(' ').append(pad).append(" | ").append(marker).append('\n');
      if (d.details().getOrNull("didYouMean") instanceof dev.mpc.json.JsonString near) {
        sb.append(' ').append(pad).append(" = help: did you mean '").append(near.value()).append("'?\n");
      }
    }
    return sb.toString();
  }

  private static List<String> read(Path p) {
    try {
      return List.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\r?\n", -1));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
