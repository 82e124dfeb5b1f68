package dev.mpc.workflow;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.contract.Actor;
import dev.mpc.contract.Intent;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: workflow artifacts from JSON text (guards as JSON IR), a settable clock, a default actor. */
public final class Wf {
  private Wf() {}

  static final Actor ALICE = Actor.user("alice", "clerk");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** An artifact of Workflow definitions given as JSON objects ({@code kind} defaults to Workflow, {@code id} to w). */
  public static Artifact artifact(String... definitions) {
    List<AstNode> defs = new ArrayList<>();
    for (String d : definitions) {
      JsonObject o = (JsonObject) Json.parse(d.replace('\'', '"')).orElseThrow();
      String id = o.getOrNull("id") instanceof JsonString s ? s.value() : "w";
      JsonObject.Builder props = JsonObject.builder();
      o.members().forEach((k, v) -> {
        if (!AstNode.RESERVED_KEYS.contains(k)) {
          props.put(k, v);
        }
      });
      defs.add(AstNode.of("Workflow", id, null, props.build(), List.of()));
    }
    return Artifact.of(ManifestAst.of(defs), DomainMeta.EMPTY, "0.1.0");
  }

  static JsonObject json(String text) {
    return (JsonObject) Json.parse(text.replace('\'', '"')).orElseThrow();
  }

  /** The {@code operation} of each transform intent (named actions), in order. */
  static List<String> ops(List<Intent> intents) {
    List<String> out = new ArrayList<>();
    for (Intent i : intents) {
      JsonValue op = i.params().getOrNull("operation");
      out.add(op instanceof JsonString s ? s.value() : i.kind().wireName());
    }
    return out;
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advanceMs(long ms) {
      now = now.plusMillis(ms);
    }
  }
}
