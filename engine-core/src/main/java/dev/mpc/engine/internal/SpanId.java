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
 * The span id of a decision whose caller gave no correlation id: 32 lowercase hex digits derived
 * from the artifact hash and a 64-bit digest of the event's content, computed by walking the event
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
    return avalanche(text(key) * 31 + value);
  }

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
      m = member("id", text(e.id().get()));
      sum += m;
      xor ^= m;
      n++;
    }
    m = member("name", text(e.name()));
    sum += m;
    xor ^= m;
    m = member("kind", text(e.kind().wireName()));
    sum += m;
    xor ^= m;
    m = member("timestamp", text(e.timestamp()));
    sum += m;
    xor ^= m;
    m = member("actor", actor(e.actor()));
    sum += m;
    xor ^= m;
    m = member("object", object(e.object()));
    sum += m;
    xor ^= m;
    n += 5;
    if (!e.context().members().isEmpty()) {
      m = member("context", value(e.context()));
      sum += m;
      xor ^= m;
      n++;
    }
    if (!e.payload().members().isEmpty()) {
      m = member("payload", value(e.payload()));
      sum += m;
      xor ^= m;
      n++;
    }
    if (e.previous().isPresent()) {
      m = member("previous", value(e.previous().get()));
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
    long m1 = member("id", text(a.id()));
    long m2 = member("type", text(a.type().wireName()));
    long roles = 'a' + 31L * a.roles().size();
    for (String r : a.roles()) {
      roles = step(roles, text(r));
    }
    long m3 = member("roles", roles);
    long sum = m1 + m2 + m3;
    long xor = m1 ^ m2 ^ m3;
    int n = 3;
    if (!a.claims().members().isEmpty()) {
      long m = member("claims", value(a.claims()));
      sum += m;
      xor ^= m;
      n++;
    }
    return object(sum, xor, n);
  }

  private static long object(ObjectRef r) {
    long m1 = member("type", text(r.type()));
    long m2 = member("id", text(r.id()));
    long sum = m1 + m2;
    long xor = m1 ^ m2;
    int n = 2;
    if (!r.attributes().members().isEmpty()) {
      long m = member("attributes", value(r.attributes()));
      sum += m;
      xor ^= m;
      n++;
    }
    if (r.state().isPresent()) {
      long m = member("state", text(r.state().get()));
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
    long a = text(artifactHash);
    long hi = avalanche(a * P1 + event);
    long lo = avalanche(Long.rotateLeft(event, 29) ^ a * P2 ^ hi);
    byte[] out = new byte[32];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (hi & 15)];
      hi >>>= 4;
      out[16 + i] = HEX[(int) (lo & 15)];
      lo >>>= 4;
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }
}
