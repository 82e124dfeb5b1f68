package dev.mpc.governance.internal;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.Base64;
import java.util.Set;

/**
 * Strict reading of governance documents: canonical member order, no unknown members, canonical
 * base64. A document that is not exactly what was written (beyond insignificant whitespace) is
 * refused, so no two byte strings that differ in meaning verify alike.
 */
public final class Strict {
  private Strict() {}

  /** {@code bytes} as strict UTF-8 text, or null when they are not UTF-8. */
  public static String utf8(byte[] bytes) {
    try {
      return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  /** {@code text} without the whitespace JSON ignores (outside strings). */
  public static String withoutWhitespace(String text) {
    StringBuilder b = new StringBuilder(text.length());
    boolean in = false;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (in) {
        b.append(ch);
        if (escaped) {
          escaped = false;
        } else if (ch == '\\') {
          escaped = true;
        } else if (ch == '"') {
          in = false;
        }
      } else if (ch == '"') {
        in = true;
        b.append(ch);
      } else if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
        b.append(ch);
      }
    }
    return b.toString();
  }

  /** Whether {@code text} is {@code canonical}, insignificant whitespace aside (the common case costs one comparison). */
  public static boolean canonicalText(String canonical, String text) {
    return canonical.equals(text) || canonical.equals(withoutWhitespace(text));
  }

  /** Null when {@code text} is the canonical form of {@code parsed} (whitespace aside), else why not. */
  public static Diagnostic canonical(String what, String text, JsonValue parsed) {
    if (!canonicalText(Canonical.json(parsed), text)) {
      return Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, what + " is not in canonical form (member order, escapes"
          + " or number form differ from what was signed)");
    }
    return null;
  }

  /** Null when {@code o} has only {@code allowed} members and every one of {@code required}, else why not. */
  public static Diagnostic members(String what, JsonObject o, Set<String> allowed, Set<String> required) {
    for (String k : o.members().keySet()) {
      if (!allowed.contains(k)) {
        return Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, what + " has an unknown member '" + k + "'");
      }
    }
    for (String k : required) {
      if (!o.members().containsKey(k)) {
        return Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, what + " lacks member '" + k + "'");
      }
    }
    return null;
  }

  /** The string member {@code key} of {@code o}, or null. */
  public static String text(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonString s ? s.value() : null;
  }

  /** The bytes of canonical, padded base64 {@code text}, or null when it is not exactly that. */
  public static byte[] base64(String text) {
    if (text == null) {
      return null;
    }
    try {
      byte[] out = Base64.getDecoder().decode(text);
      return Base64.getEncoder().encodeToString(out).equals(text) ? out : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
