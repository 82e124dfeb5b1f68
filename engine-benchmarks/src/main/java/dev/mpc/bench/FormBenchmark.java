package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.engine.MpcEngine;
import dev.mpc.form.FormEngine;
import dev.mpc.form.FormModel;
import dev.mpc.form.FormPackage;
import dev.mpc.form.FormRequest;
import dev.mpc.form.Validation;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code FormEngine.formPackage} for a 30-field form (every field type, bounds, options) with 10
 * expressions (4 visibility, 3 read-only, 3 validation) and an ACL that masks one field: JSON
 * Schema, UI schema, field states (ACL asked once) and validation of a full valid edit (stored
 * values given, so the masked field may keep its value).
 * {@code validate} and {@code jsonSchema} split the cost. Run:
 * {@code java -jar engine-benchmarks/target/benchmarks.jar FormBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FormBenchmark {
  Artifact artifact;
  FormEngine engine;
  FormModel model;
  FormRequest request;

  /** The manifest: one ACL rule masking {@code f29} for clerks, one form of 30 fields. */
  static String manifest() {
    StringBuilder b = new StringBuilder("@schema 1\n@namespace \"bench\"\n")
        .append("def ACL mask_f29 { action: \"read\", resource: \"claim\", roles: [\"clerk\"], effect: \"allow\","
            + " maskFields: [\"f29\"] }\n")
        .append("def FormDef claim \"Claim\" {\n  resource: \"claim\"\n");
    String[] exprs = {
        "visibilityExpr: \"data.f02 == true\"", "visibilityExpr: \"'clerk' in actor.roles\"",
        "visibilityExpr: \"data.f00 != 'x'\"", "visibilityExpr: \"data.f01 > 10\"",
        "readonlyExpr: \"'auditor' in actor.roles\"", "readonlyExpr: \"state == 'closed'\"",
        "readonlyExpr: \"data.f01 > 1000\"",
        "validationExpr: \"len(data.f05) >= 3\"", "validationExpr: \"data.f06 <= data.f01 * 2\"",
        "validationExpr: \"startsWith(data.f07, 'C-')\"",
    };
    for (int i = 0; i < 30; i++) {
      String type = switch (i % 6) {
        case 0 -> "type: \"string\" min: 1 max: 40";
        case 1 -> "type: \"number\" min: 0 max: 100000";
        case 2 -> "type: \"boolean\"";
        case 3 -> "type: \"select\" options: [\"a\", \"b\", \"c\"]";
        case 4 -> "type: \"multiselect\" options: [\"x\", \"y\", \"z\"] max: 2";
        default -> "type: \"date\"";
      };
      if (i == 5 || i == 7) {
        type = "type: \"string\" max: 40";
      }
      if (i == 6) {
        type = "type: \"number\"";
      }
      String expr = i >= 10 && i < 20 ? " " + exprs[i - 10] : "";
      expr = i == 5 ? " " + exprs[7] : i == 6 ? " " + exprs[8] : i == 7 ? " " + exprs[9] : expr;
      if (i >= 17 && i < 20) {
        expr = "";
      }
      b.append(String.format("  def FieldDef f%02d \"Field %d\" { %s%s%s }%n", i, i, type,
          i % 4 == 0 ? " required: true" : "", expr));
    }
    return b.append("}\n").toString();
  }

  /** A full valid submission. */
  static JsonObject data() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < 30; i++) {
      String v = switch (i % 6) {
        case 0 -> "\"value " + i + "\"";
        case 1 -> String.valueOf(100 + i);
        case 2 -> "true";
        case 3 -> "\"b\"";
        case 4 -> "[\"x\",\"z\"]";
        default -> "\"2026-12-04\"";
      };
      if (i == 5) {
        v = "\"abcdef\"";
      } else if (i == 6) {
        v = "150";
      } else if (i == 7) {
        v = "\"C-1234\"";
      }
      b.append(i == 0 ? "" : ",").append(String.format("\"f%02d\":%s", i, v));
    }
    return (JsonObject) Json.parse(b.append('}').toString()).orElseThrow();
  }

  @Setup(Level.Trial)
  public void setup() {
    DomainMeta meta = DomainMeta.builder().kind("FormDef").kind("FieldDef").kind("ACL").build();
    Result<Artifact> a = Manifests.parseText(manifest(), Syntax.DSL)
        .flatMap(RegistryCompiler.builder().meta(meta).build()::compile);
    artifact = a.orElseThrow();
    engine = FormEngine.builder().acl(MpcEngine.builder().build().orElseThrow()).build().orElseThrow();
    model = FormModel.of(artifact, "claim").orElseThrow();
    long expressions = model.fields().stream().mapToLong(f -> f.visibility().stream().count()
        + f.readonly().stream().count() + f.validation().stream().count()).sum();
    if (model.fields().size() != 30 || expressions != 10) {
      throw new IllegalStateException("expected 30 fields, 10 expressions: " + model.fields().size() + ", "
          + expressions);
    }
    // an edit: the stored values are the submitted ones, so the masked f29 carries its current value
    request = FormRequest.of(data(), Actor.user("u-1", "clerk")).inState("open").withCurrent(data());
    FormPackage p = formPackage();
    if (!p.validation().valid() || p.fieldStates().stream().noneMatch(s -> s.readonly())) {
      throw new IllegalStateException("the benchmark submission must be valid with f29 masked: "
          + p.validation().errors());
    }
  }

  /** The one call a UI makes: schemas, states, validation (the form model read from the artifact too). */
  @Benchmark
  public FormPackage formPackage() {
    return engine.formPackage(artifact, "claim", request).orElseThrow();
  }

  /** Field states and validation only (the model given). */
  @Benchmark
  public Validation validate() {
    return engine.validate(artifact, model, request);
  }

  /** The JSON Schema only. */
  @Benchmark
  public JsonObject jsonSchema() {
    return engine.jsonSchema(model);
  }
}
