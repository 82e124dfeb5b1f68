package dev.mpc.engine;

import dev.mpc.artifact.Artifact;
import dev.mpc.artifact.ManifestIdentity;
import dev.mpc.artifact.MetaIdentity;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.contract.Actor;
import dev.mpc.contract.ActorType;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprJson;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test artifacts built in engine-core alone: definitions from JSON, expression sites given as JSON
 * IR (what the compiler lowers text to) and carried as lowered IR, exactly as a compiled artifact.
 */
final class Fixtures {
  private Fixtures() {}

  static JsonObject obj(String json) {
    return (JsonObject) Json.parse(json).orElseThrow();
  }

  static Artifact loaded(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/artifacts/" + resource)) {
      return Artifact.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)).orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An artifact of {@code defs}: each {@code {"kind","id",...props}}; IR sites lowered. */
  static Artifact artifact(DomainMeta meta, String... defs) {
    List<AstNode> nodes = new ArrayList<>();
    Map<String, Map<String, Expr>> lowered = new LinkedHashMap<>();
    for (String d : defs) {
      JsonObject o = obj(d);
      String kind = ((dev.mpc.json.JsonString) o.getOrNull("kind")).value();
      String id = ((dev.mpc.json.JsonString) o.getOrNull("id")).value();
      String name = o.getOrNull("name") instanceof dev.mpc.json.JsonString n ? n.value() : null;
      JsonObject.Builder props = JsonObject.builder();
      o.members().forEach((k, v) -> {
        if (!AstNode.RESERVED_KEYS.contains(k)) {
          props.put(k, v);
        }
      });
      JsonObject p = props.build();
      nodes.add(AstNode.of(kind, id, name, p, List.of()));
      Map<String, Expr> sites = new LinkedHashMap<>();
      site(p, "match", sites);
      site(p, "condition", sites);
      if (!sites.isEmpty()) {
        lowered.put(kind + ":" + id, sites);
      }
    }
    return Artifact.of(ManifestIdentity.of(ManifestAst.of(nodes)), MetaIdentity.of(meta), "0.1.0", lowered);
  }

  static Artifact artifact(String... defs) {
    return artifact(DomainMeta.EMPTY, defs);
  }

  private static void site(JsonObject p, String owner, Map<String, Expr> sites) {
    if (p.getOrNull(owner) instanceof JsonObject o && o.getOrNull("expr") != null) {
      sites.put(owner + "/expr", ExprJson.decode(o.getOrNull("expr")).orElseThrow());
    }
  }

  static Actor actor(String id, String... roles) {
    return Actor.user(id, roles);
  }

  static Actor actor(String id, JsonObject claims, String... roles) {
    return new Actor(id, ActorType.USER, List.of(roles), claims);
  }

  static EventEnvelope event(String name, Actor actor, String type, String id) {
    return EventEnvelope.of(name, EventKind.CUSTOM, Instant.parse("2026-01-01T00:00:00Z"), actor, ObjectRef.of(type, id));
  }

  static EventEnvelope event(String name, Actor actor, String type, String id, JsonObject attributes) {
    return new EventEnvelope(Optional.of("ev-1"), name, EventKind.UPDATE, "2026-01-01T00:00:00Z", actor,
        new ObjectRef(type, id, attributes, Optional.empty()), JsonObject.EMPTY, JsonObject.EMPTY, Optional.empty());
  }
}
