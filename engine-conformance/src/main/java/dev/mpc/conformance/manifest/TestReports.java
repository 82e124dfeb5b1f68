package dev.mpc.conformance.manifest;

import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.SourceMap;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders suite results as text (one line per case, failures with expected, actual and the
 * trace, then exactly {@code N passed, N failed}), JSON (for tools; coverage with the uncovered
 * items) or JUnit XML (for CI systems).
 */
public final class TestReports {
  private TestReports() {}

  /**
   * The text report.
   *
   * @param results the suites
   * @param coverage whether to add coverage per suite
   * @return the report, ending with {@code N passed, N failed}
   */
  public static String text(List<ManifestTestRunner.SuiteResult> results, boolean coverage) {
    StringBuilder sb = new StringBuilder();
    int passed = 0;
    int failed = 0;
    for (ManifestTestRunner.SuiteResult r : results) {
      for (Diagnostic d : r.problems()) {
        sb.append("FAIL ").append(r.file()).append(": ").append(position(d)).append(d.code().code()).append(' ')
            .append(d.message()).append('\n');
      }
      for (ManifestTestRunner.CaseResult c : r.cases()) {
        sb.append(c.passed() ? "PASS " : "FAIL ").append(c.name()).append('\n');
        if (!c.passed()) {
          for (String line : c.detail().split("\n")) {
            sb.append("    ").append(line).append('\n');
          }
        }
      }
      if (coverage && r.problems().isEmpty()) {
        Coverage cov = r.coverage();
        sb.append(String.format(Locale.ROOT, "coverage %s: %d/%d (%.1f%%)%n", r.file(), cov.covered(),
            cov.items().size(), cov.percent()));
        for (Coverage.Item i : cov.uncovered()) {
          sb.append("    not covered: ").append(i.kind()).append(' ').append(i.id())
              .append(i.line() > 0 ? " (" + i.file().orElse("") + ":" + i.line() + ")" : "").append('\n');
        }
      }
      passed += r.passed();
      failed += r.failed();
    }
    sb.append(passed).append(" passed, ").append(failed).append(" failed\n");
    return sb.toString();
  }

  private static String position(Diagnostic d) {
    if (d.source().isEmpty()) {
      return "";
    }
    SourceMap s = d.source().get();
    return s.file().map(f -> f + ":").orElse("") + s.line() + ":" + s.col() + ": ";
  }

  /**
   * The JSON report.
   *
   * @param results the suites
   * @return {@code {"suites":[...],"passed":N,"failed":N}}
   */
  public static JsonObject json(List<ManifestTestRunner.SuiteResult> results) {
    List<JsonValue> suites = new ArrayList<>();
    int passed = 0;
    int failed = 0;
    for (ManifestTestRunner.SuiteResult r : results) {
      List<JsonValue> cases = new ArrayList<>();
      for (ManifestTestRunner.CaseResult c : r.cases()) {
        JsonObject.Builder b = JsonObject.builder().put("name", c.name()).put("passed", c.passed())
            .put("line", c.source().line());
        if (!c.passed()) {
          b.put("detail", c.detail());
        }
        cases.add(b.build());
      }
      List<JsonValue> problems = new ArrayList<>();
      for (Diagnostic d : r.problems()) {
        problems.add(dev.mpc.contract.ContractJson.toJson(d));
      }
      List<JsonValue> uncovered = new ArrayList<>();
      for (Coverage.Item i : r.coverage().uncovered()) {
        JsonObject.Builder b = JsonObject.builder().put("kind", i.kind()).put("id", i.id()).put("line", i.line());
        i.file().ifPresent(f -> b.put("file", f));
        uncovered.add(b.build());
      }
      suites.add(JsonObject.builder().put("file", r.file().toString()).put("cases", JsonArray.of(cases))
          .put("problems", JsonArray.of(problems))
          .put("coverage", JsonObject.builder().put("covered", r.coverage().covered())
              .put("total", r.coverage().items().size())
              .put("percent", new dev.mpc.json.JsonFloat(Math.round(r.coverage().percent() * 10) / 10.0))
              .put("uncovered", JsonArray.of(uncovered)).build())
          .build());
      passed += r.passed();
      failed += r.failed();
    }
    return JsonObject.builder().put("suites", JsonArray.of(suites)).put("passed", passed).put("failed", failed).build();
  }

  /**
   * The JUnit XML report (one {@code testsuite} per file).
   *
   * @param results the suites
   * @return the XML document
   */
  public static String junit(List<ManifestTestRunner.SuiteResult> results) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for (ManifestTestRunner.SuiteResult r : results) {
      int tests = r.cases().size() + (r.problems().isEmpty() ? 0 : 1);
      sb.append("  <testsuite name=\"").append(xml(r.file().toString())).append("\" tests=\"").append(tests)
          .append("\" failures=\"").append(r.failed()).append("\" errors=\"0\" skipped=\"0\">\n");
      if (!r.problems().isEmpty()) {
        sb.append("    <testcase name=\"load\" classname=\"").append(xml(r.file().toString())).append("\">\n")
            .append("      <failure message=\"the suite could not run\">");
        for (Diagnostic d : r.problems()) {
          sb.append(xml(position(d) + d.code().code() + " " + d.message())).append('\n');
        }
        sb.append("</failure>\n    </testcase>\n");
      }
      for (ManifestTestRunner.CaseResult c : r.cases()) {
        sb.append("    <testcase name=\"").append(xml(c.name())).append("\" classname=\"")
            .append(xml(r.file().toString())).append("\"");
        if (c.passed()) {
          sb.append("/>\n");
        } else {
          String first = c.detail().split("\n", 2)[0];
          sb.append(">\n      <failure message=\"").append(xml(first)).append("\">").append(xml(c.detail()))
              .append("</failure>\n    </testcase>\n");
        }
      }
      sb.append("  </testsuite>\n");
    }
    return sb.append("</testsuites>\n").toString();
  }

  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '&':
          sb.append("&amp;");
          break;
        case '"':
          sb.append("&quot;");
          break;
        default:
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            sb.append(' ');
          } else {
            sb.append(c);
          }
      }
    }
    return sb.toString();
  }

  /** Renders {@code report} as pretty JSON text. */
  static String pretty(JsonObject report) {
    return Json.pretty(report);
  }
}
