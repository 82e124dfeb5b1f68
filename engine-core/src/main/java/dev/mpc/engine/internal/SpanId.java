package dev.mpc.engine.internal;

import dev.mpc.contract.Actor;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.ObjectRef;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * The span id of a decision whose caller gave no correlation id: 16 lowercase hex digits (the
 * W3C Trace Context span-id form), a 64-bit digest of the artifact hash and the event's content, computed by walking the event
 * without building any JSON and without allocating (decisions.md "Trace"). Equal events (in any
 * member order) give equal ids in every JVM; an envelope and its JSON form
 * ({@code ContractJson.toJson}) give the same id.
 *
 * <p>Not a security property: it names a request in logs and traces. Strings enter through their
 * 32-bit {@code String.hashCode()}, so two events that differ only in strings chosen to collide can
 * share an id; a host that needs ids it controls passes a correlation id.
 *
 * <p>The digest is flat: the sum, over every leaf of the event (a string, number, boolean, null or
 * array at some path), of its path's digest mixed with its value's (two multiply-xorshift rounds,
 * independent from leaf to leaf), then SplitMix64's avalanche with the artifact hash. The sum
 * makes member order irrelevant without sorting; an array is one leaf whose value chains its items
 * in order. An empty object contributes nothing (so {@code {"a": {}}} and {@code {}} share a
 * digest, as an absent and an empty envelope map already do in the JSON form). The envelope's own
 * field paths are constants.
 */
final class SpanId {
  private static final long P1 = 0x100000001b3L;
  private static final long P2 = 0x9E3779B97F4A7C15L;
  private static final java.util.HexFormat HEX = java.util.HexFormat.of();

  private SpanId() {}

  private static long avalanche(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** One multiply-xorshift round. */
  private static long mix(long z) {
    z *= P2;
    return z ^ (z >>> 29);
  }

  /**
   * The digest of a string: its {@link String#hashCode()} (specified by the JDK, so the same in
   * every JVM, and cached in the string: the engine's index lookups hash the same name, type and
   * action strings anyway) with its length.
   */
  private static long text(String s) {
    return ((long) s.hashCode() << 32) ^ s.length() ^ 0x5bd1e995L;
  }

  /** The path of member {@code key} under {@code parent}. */
  private static long child(long parent, String key) {
    return mix(parent * P1 + text(key));
  }

  /** A leaf's contribution: its path and value mixed. */
  private static long leaf(long path, long value) {
    return mix(path ^ mix(value + 0x632BE59BD9B4E019L));
  }

  private static final long ROOT = 0x2545F4914F6CDD1DL;
  /** An array item is digested as a document of its own, rooted here. */
  private static final long ITEM = 0x4F1BBCDCBFA53E0BL;
  private static final long P_ID = child(ROOT, "id");
  private static final long P_NAME = child(ROOT, "name");
  private static final long P_KIND = child(ROOT, "kind");
  private static final long P_TIMESTAMP = child(ROOT, "timestamp");
  private static final long P_ACTOR = child(ROOT, "actor");
  private static final long P_ACTOR_ID = child(P_ACTOR, "id");
  private static final long P_ACTOR_TYPE = child(P_ACTOR, "type");
  private static final long P_ACTOR_ROLES = child(P_ACTOR, "roles");
  private static final long P_ACTOR_CLAIMS = child(P_ACTOR, "claims");
  private static final long P_OBJECT = child(ROOT, "object");
  private static final long P_OBJECT_TYPE = child(P_OBJECT, "type");
  private static final long P_OBJECT_ID = child(P_OBJECT, "id");
  private static final long P_OBJECT_ATTRIBUTES = child(P_OBJECT, "attributes");
  private static final long P_OBJECT_STATE = child(P_OBJECT, "state");
  private static final long P_CONTEXT = child(ROOT, "context");
  private static final long P_PAYLOAD = child(ROOT, "payload");
  private static final long P_PREVIOUS = child(ROOT, "previous");

  /** The span id of {@code event} under the artifact {@code artifactHash}. */
  static String of(String artifactHash, EventEnvelope e) {
    long h = leaf(P_NAME, text(e.name())) + leaf(P_KIND, text(e.kind().wireName()))
        + leaf(P_TIMESTAMP, text(e.timestamp()));
    if (e.id().isPresent()) {
      h += leaf(P_ID, text(e.id().get()));
    }
    Actor a = e.actor();
    h += leaf(P_ACTOR_ID, text(a.id())) + leaf(P_ACTOR_TYPE, text(a.type().wireName()));
    List<String> roles = a.roles();
    long chain = 'a' + 31L * roles.size();
    for (int i = 0; i < roles.size(); i++) {
      chain = mix(chain * P1 + text(roles.get(i)));
    }
    h += leaf(P_ACTOR_ROLES, chain);
    if (!a.claims().members().isEmpty()) {
      h += value(P_ACTOR_CLAIMS, a.claims());
    }
    ObjectRef r = e.object();
    h += leaf(P_OBJECT_TYPE, text(r.type())) + leaf(P_OBJECT_ID, text(r.id()));
    if (!r.attributes().members().isEmpty()) {
      h += value(P_OBJECT_ATTRIBUTES, r.attributes());
    }
    if (r.state().isPresent()) {
      h += leaf(P_OBJECT_STATE, text(r.state().get()));
    }
    if (!e.context().members().isEmpty()) {
      h += value(P_CONTEXT, e.context());
    }
    if (!e.payload().members().isEmpty()) {
      h += value(P_PAYLOAD, e.payload());
    }
    if (e.previous().isPresent()) {
      h += value(P_PREVIOUS, e.previous().get());
    }
    return finish(artifactHash, h);
  }

  /** The span id of an event given as JSON. */
  static String of(String artifactHash, JsonObject event) {
    return finish(artifactHash, value(ROOT, event));
  }

  /** The digest of {@code v} at {@code path}: the sum of its leaves' contributions. */
  static long value(long path, JsonValue v) {
    if (v instanceof JsonObject obj) {
      long h = 0;
      for (Map.Entry<String, JsonValue> e : obj.members().entrySet()) {
        h += value(child(path, e.getKey()), e.getValue());
      }
      return h;
    }
    if (v instanceof JsonArray arr) {
      long chain = 'a' + 31L * arr.items().size();
      for (JsonValue x : arr.items()) {
        chain = mix(chain * P1 + (x instanceof JsonString s ? text(s.value()) : value(ITEM, x)));
      }
      return leaf(path, chain);
    }
    return leaf(path, scalar(v));
  }

  /** The digest of a scalar (strings by {@link #text}, numbers by value and kind). */
  private static long scalar(JsonValue v) {
    if (v instanceof JsonString s) {
      return text(s.value());
    }
    if (v instanceof JsonInt i) {
      return i.value().bitLength() < 64 ? mix('i' + mix(i.value().longValue())) : mix('I' + text(i.value().toString()));
    }
    if (v instanceof JsonFloat f) {
      return mix('f' + mix(Double.doubleToLongBits(f.value() == 0.0 ? 0.0 : f.value())));
    }
    if (v instanceof JsonBool b) {
      return b.value() ? 0x74L : 0x46L;
    }
    return 0x6EL;
  }

  private static String finish(String artifactHash, long event) {
    return HEX.toHexDigits(avalanche(mix(text(artifactHash)) * P1 + event));
  }
}
