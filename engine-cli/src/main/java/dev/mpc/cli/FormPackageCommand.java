package dev.mpc.cli;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Result;
import dev.mpc.engine.MpcEngine;
import dev.mpc.form.FormEngine;
import dev.mpc.form.FormPackage;
import dev.mpc.form.FormRequest;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mpc form package ARTIFACT FORM_ID [--data D.json] [--actor A.json] [--locale L] [--fail-open]}:
 * the form package a UI receives (docs/forms.md): JSON Schema, UI schema, field states and the data
 * validated as a submission, printed as indented JSON. Exit 0 when printed (whether or not the data
 * is valid: {@code validation.valid} says), 1 when the artifact, the form, the data or the actor is
 * invalid, 2 for a usage error or an unreadable file.
 */
final class FormPackageCommand implements Command {
  @Override
  public String name() {
    return "form package";
  }

  @Override
  public String usage() {
    return "mpc form package ARTIFACT FORM_ID [--data D.json] [--actor A.json] [--locale L] [--fail-open]";
  }

  @Override
  public String summary() {
    return "Print a form's JSON Schema, UI schema, field states and the data's validation for an actor";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of("--data", "--actor", "--locale"),
        Set.of("--fail-open"), 2, 2);
    Result<Artifact> artifact = InputFiles.text(o.positional().get(0), io).flatMap(Artifact::fromJson);
    if (!(artifact instanceof Result.Ok<Artifact> a)) {
      return EvalCommand.fail(io, artifact.diagnostics());
    }
    JsonObject data = JsonObject.EMPTY;
    if (o.value("--data") != null) {
      Result<JsonObject> d = EvalCommand.object(o.value("--data"), io, "the form data");
      if (!(d instanceof Result.Ok<JsonObject> ok)) {
        return EvalCommand.fail(io, d.diagnostics());
      }
      data = ok.get();
    }
    Actor actor = WorkflowRunCommand.DEFAULT_ACTOR;
    if (o.value("--actor") != null) {
      Result<Actor> r = WorkflowRunCommand.actor(o.value("--actor"), io);
      if (!(r instanceof Result.Ok<Actor> ok)) {
        return EvalCommand.fail(io, r.diagnostics());
      }
      actor = ok.get();
    }
    JsonObject values = data;
    Actor who = actor;
    Locale locale = o.value("--locale") == null ? Locale.ENGLISH : Locale.forLanguageTag(o.value("--locale"));
    Result<FormPackage> p = FormEngine.builder().acl(MpcEngine.builder().build().orElseThrow()).locale(locale)
        .failOpen(o.flag("--fail-open")).build()
        .flatMap(e -> e.formPackage(a.get(), o.positional().get(1), FormRequest.of(values, who)));
    if (!(p instanceof Result.Ok<FormPackage> ok)) {
      return EvalCommand.fail(io, p.diagnostics());
    }
    io.out().println(Json.pretty(ok.get().toJson()));
    return 0;
  }
}
