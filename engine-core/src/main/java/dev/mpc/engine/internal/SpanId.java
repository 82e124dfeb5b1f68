package dev.mpc.engine.internal;

import dev.mpc.contract.Actor;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.ObjectRef;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.nio.charset.StandardCharsets;
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
 * share an id; a host that needs ids it controls passes a correlation id. Values are mixed with
 * SplitMix64's avalanche; object members are combined commutatively (sum and xor), so no key is
 * sorted.
 */
final class SpanId {
  private static final long P1 = 0x100000001b3L;
  private static final long P2 = 0x9E3779B97F4A7C15L;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  private SpanId() {}

  private static long avalanche(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The digest of a string: its {@link String#hashCode()} (specified by the JDK, so the same in
   * every JVM, and cached in the string: the engine's index lookups hash the same name, type and
   * action strings anyway) with its length, mixed to 64 bits.
   */
  private static long text(String s) {
    return avalanche(((long) s.hashCode() << 32) ^ s.length() ^ 0x5bd1e995L);
  }

  /** One object member's contribution; members are summed (order-free). */
  private static long member(String key, long value) {
    return member(text(key), value);
  }

  /** One member's contribution, from its key's digest. */
  private static long member(long key, long value) {
    return avalanche(key * 31 + value);
  }

  private static final long K_ID = text("id");
  private static final long K_NAME = text("name");
  private static final long K_KIND = text("kind");
  private static final long K_TIMESTAMP = text("timestamp");
  private static final long K_ACTOR = text("actor");
  private static final long K_OBJECT = text("object");
  private static final long K_CONTEXT = text("context");
  private static final long K_PAYLOAD = text("payload");
  private static final long K_PREVIOUS = text("previous");
  private static final long K_TYPE = text("type");
  private static final long K_ROLES = text("roles");
  private static final long K_CLAIMS = text("claims");
  private static final long K_ATTRIBUTES = text("attributes");
  private static final long K_STATE = text("state");

  /** An object's digest from the sum and xor of its members' contributions and their count. */
  private static long object(long sum, long xor, int n) {
    return avalanche(avalanche(sum ^ 'o') + Long.rotateLeft(xor, 23) * P2 + n);
  }

  private static long step(long acc, long v) {
    return avalanche(acc * P2 + v);
  }

  /** The span id of {@code event} under the artifact {@code artifactHash}. */
  static String of(String artifactHash, EventEnvelope e) {
    long sum = 0;
    long xor = 0;
    int n = 0;
    long m;
    if (e.id().isPresent()) {
      m = member(K_ID, text(e.id().get()));
      sum += m;
      xor ^= m;
      n++;
    }
    m = member(K_NAME, text(e.name()));
    sum += m;
    xor ^= m;
    m = member(K_KIND, text(e.kind().wireName()));
    sum += m;
    xor ^= m;
    m = member(K_TIMESTAMP, text(e.timestamp()));
    sum += m;
    xor ^= m;
    m = member(K_ACTOR, actor(e.actor()));
    sum += m;
    xor ^= m;
    m = member(K_OBJECT, object(e.object()));
    sum += m;
    xor ^= m;
    n += 5;
    if (!e.context().members().isEmpty()) {
      m = member(K_CONTEXT, value(e.context()));
      sum += m;
      xor ^= m;
      n++;
    }
    if (!e.payload().members().isEmpty()) {
      m = member(K_PAYLOAD, value(e.payload()));
      sum += m;
      xor ^= m;
      n++;
    }
    if (e.previous().isPresent()) {
      m = member(K_PREVIOUS, value(e.previous().get()));
      sum += m;
      xor ^= m;
      n++;
    }
    return finish(artifactHash, object(sum, xor, n));
  }

  /** The span id of an event given as JSON. */
  static String of(String artifactHash, JsonObject event) {
    return finish(artifactHash, value(event));
  }

  private static long actor(Actor a) {
    long m1 = member(K_ID, text(a.id()));
    long m2 = member(K_TYPE, text(a.type().wireName()));
    long roles = 'a' + 31L * a.roles().size();
    for (String r : a.roles()) {
      roles = step(roles, text(r));
    }
    long m3 = member(K_ROLES, roles);
    long sum = m1 + m2 + m3;
    long xor = m1 ^ m2 ^ m3;
    int n = 3;
    if (!a.claims().members().isEmpty()) {
      long m = member(K_CLAIMS, value(a.claims()));
      sum += m;
      xor ^= m;
      n++;
    }
    return object(sum, xor, n);
  }

  private static long object(ObjectRef r) {
    long m1 = member(K_TYPE, text(r.type()));
    long m2 = member(K_ID, text(r.id()));
    long sum = m1 + m2;
    long xor = m1 ^ m2;
    int n = 2;
    if (!r.attributes().members().isEmpty()) {
      long m = member(K_ATTRIBUTES, value(r.attributes()));
      sum += m;
      xor ^= m;
      n++;
    }
    if (r.state().isPresent()) {
      long m = member(K_STATE, text(r.state().get()));
      sum += m;
      xor ^= m;
      n++;
    }
    return object(sum, xor, n);
  }

  /** The digest of one JSON value. */
  static long value(JsonValue v) {
    if (v instanceof JsonString s) {
      return text(s.value());
    }
    if (v instanceof JsonObject obj) {
      long sum = 0;
      long xor = 0;
      for (Map.Entry<String, JsonValue> e : obj.members().entrySet()) {
        long m = member(e.getKey(), value(e.getValue()));
        sum += m;
        xor ^= m;
      }
      return object(sum, xor, obj.members().size());
    }
    if (v instanceof JsonArray arr) {
      long h = 'a' + 31L * arr.items().size();
      for (JsonValue x : arr.items()) {
        h = step(h, value(x));
      }
      return h;
    }
    if (v instanceof JsonInt i) {
      return i.value().bitLength() < 64 ? step('i', i.value().longValue()) : step('I', text(i.value().toString()));
    }
    if (v instanceof JsonFloat f) {
      return step('f', Double.doubleToLongBits(f.value() == 0.0 ? 0.0 : f.value()));
    }
    if (v instanceof JsonBool b) {
      return step(b.value() ? 't' : 'F', 1);
    }
    return step('n', 0);
  }

  private static String finish(String artifactHash, long event) {
    long id = avalanche(text(artifactHash) * P1 + event);
    byte[] out = new byte[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (id & 15)];
      id >>>= 4;
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

}
