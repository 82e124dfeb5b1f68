package dev.mpc.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.meta.DomainMeta;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A problem inside the third transition points at that transition's value, in every syntax. */
class NestedPositionsTest {
  static final DomainMeta META = DomainMeta.builder().kind("Workflow").build();
  static final String DSL = "@schema 1\n@namespace \"t\"\ndef Workflow w \"W\" {\n  initial: \"a\"\n"
      + "  states: [\"a\", \"b\", \"c\"]\n  transitions: [\n    {from: \"a\", on: \"x\", to: \"b\"},\n"
      + "    {from: \"b\", on: \"y\", to: \"c\"},\n    {from: \"c\", on: \"z\", to: \"a\", guard: \"vars.ok +\"},\n"
      + "    {from: \"c\", on: \"w\", to: \"d\"}\n  ]\n}\n";

  static SourceMap at(ManifestAst ast, Code code) {
    List<Diagnostic> ds = Validator.builder().meta(META).build().validate(ast);
    return ds.stream().filter(d -> d.code() == code).findFirst().orElseThrow(() -> new AssertionError(ds.toString()))
        .source().orElseThrow();
  }

  @Test
  void theGuardAndTheUnknownState_pointAtTheirOwnValue_inEverySyntax() {
    ManifestAst dsl = Manifests.parseText(DSL, Syntax.DSL).orElseThrow();
    assertEquals(9, at(dsl, Code.E_EXPR_PARSE).line(), "the third transition's guard");
    assertEquals(35, at(dsl, Code.E_EXPR_PARSE).col(), "at its key, as properties are");
    assertEquals(10, at(dsl, Code.E_VALID_UNRESOLVED_REF).line(), "the fourth transition's to");
    for (Syntax s : List.of(Syntax.YAML, Syntax.JSON)) {
      String text = Manifests.format(dsl, s);
      ManifestAst ast = Manifests.parseText(text, s).orElseThrow();
      int guardLine = lineOf(text, "vars.ok +");
      int toLine = lineOf(text, "\"d\"") > 0 ? lineOf(text, "\"d\"") : lineOf(text, "to: d");
      assertEquals(guardLine, at(ast, Code.E_EXPR_PARSE).line(), s + ":\n" + text);
      assertEquals(toLine, at(ast, Code.E_VALID_UNRESOLVED_REF).line(), s + ":\n" + text);
    }
  }

  static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    return -1;
  }
}
