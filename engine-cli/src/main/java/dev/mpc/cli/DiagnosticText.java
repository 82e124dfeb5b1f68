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

  /**
   * Errors come first (in source order), then the rest; a warning that follows from an error (it
   * names the state, kind or function that error's did-you-mean names: the misspelled state's
   * real one is "unreachable") is folded under that error as a note instead of standing before it.
   */
  static String render(List<Diagnostic> diagnostics, CliIo io) {
    List<Diagnostic> errors = new java.util.ArrayList<>();
    List<Diagnostic> rest = new java.util.ArrayList<>();
    for (Diagnostic d : diagnostics) {
      (d.isFailure() ? errors : rest).add(d);
    }
    Map<Diagnostic, List<Diagnostic>> notes = new java.util.IdentityHashMap<>();
    for (java.util.Iterator<Diagnostic> it = rest.iterator(); it.hasNext();) {
      Diagnostic w = it.next();
      for (Diagnostic e : errors) {
        if (e.details().getOrNull("didYouMean") instanceof dev.mpc.json.JsonString near
            && w.message().contains("'" + near.value() + "'")) {
          notes.computeIfAbsent(e, k -> new java.util.ArrayList<>()).add(w);
          it.remove();
          break;
        }
      }
    }
    List<Diagnostic> ordered = new java.util.ArrayList<>(errors);
    ordered.addAll(rest);
    StringBuilder sb = new StringBuilder();
    Map<String, List<String>> files = new HashMap<>();
    for (Diagnostic d : ordered) {
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
      for (Diagnostic n : notes.getOrDefault(d, List.of())) {
        sb.append(' ').append(pad).append(" = note: which is also why ").append(n.severity().wireName()).append(' ')
            .append(n.code().code()).append(n.source().map(x -> " (line " + x.line() + ")").orElse("")).append(": ")
            .append(n.message()).append('\n');
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
