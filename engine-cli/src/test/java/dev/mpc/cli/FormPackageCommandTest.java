package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.meta.DomainMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpc form package}. */
class FormPackageCommandTest {
  @TempDir
  Path dir;

  @BeforeEach
  void artifact() throws IOException {
    Artifact a = Manifests.parseText("""
        @schema 1
        def ACL mask_salary { action: "read", resource: "employee", roles: ["clerk"], effect: "allow", maskFields: ["salary"] }
        def FormDef employee "Employee" {
          resource: "employee"
          def FieldDef name "Name" { type: "string" required: true }
          def FieldDef salary "Salary" { type: "number" }
        }
        """, Syntax.DSL).flatMap(RegistryCompiler.builder().meta(DomainMeta.builder().kind("FormDef").kind("FieldDef")
        .kind("ACL").build()).build()::compile).orElseThrow();
    Files.writeString(dir.resolve("a.json"), a.toCanonicalJson());
    Files.writeString(dir.resolve("actor.json"), "{\"id\": \"u-1\", \"type\": \"user\", \"roles\": [\"clerk\"]}");
    Files.writeString(dir.resolve("data.json"), "{\"salary\": 5}");
  }

  @Test
  void printsThePackage_withStatesAndValidation() {
    MainTest.Run r = mpc(dir, "form", "package", "a.json", "employee", "--data", "data.json", "--actor", "actor.json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"x-form-id\": \"employee\""), r.out());
    assertTrue(r.out().contains("'Name' is required"), r.out());
    assertTrue(r.out().contains("'Salary' may not be changed"), r.out());
    MainTest.Run tr = mpc(dir, "form", "package", "a.json", "employee", "--locale", "tr");
    assertTrue(tr.out().contains("'Name' alanı zorunludur"), tr.out());
  }

  @Test
  void unknownForm_badArtifact_andUsage_areCoded() throws IOException {
    MainTest.Run missing = mpc(dir, "form", "package", "a.json", "nope");
    assertEquals(1, missing.code());
    assertTrue(missing.out().contains("E_VALID_UNRESOLVED_REF"), missing.out());
    Files.writeString(dir.resolve("bad.json"), "{\"format\": 1}");
    assertEquals(1, mpc(dir, "form", "package", "bad.json", "employee").code());
    assertEquals(2, mpc(dir, "form", "package", "a.json").code());
    assertEquals(2, mpc(dir, "form", "package", "missing.json", "employee").code());
  }
}
