package dev.mpc.redact;

import java.util.Locale;

/**
 * How a member key is compared with the deny keys. Every mode ignores case (in
 * {@link Locale#ROOT}).
 *
 * <p>Immutable and thread-safe.
 */
public enum KeyMatching {
  /** Equal ignoring case: {@code apiKey} matches {@code APIKEY}, not {@code api_key} (upstream's rule). */
  EXACT,
  /**
   * Equal ignoring case and the separators {@code -}, {@code _}, {@code .} and space:
   * {@code apiKey}, {@code api_key} and {@code API-KEY} are all {@code apikey}.
   */
  NORMALIZED,
  /**
   * {@link #NORMALIZED}, and also a key that ends with a deny key: {@code dbPassword},
   * {@code client_secret}, {@code x-api-key}, {@code csrfToken} match {@code password},
   * {@code secret}, {@code apiKey}, {@code token}. The default: secrets are rarely stored under
   * exactly the word a deny list holds.
   */
  SUFFIX;

  /** The form keys are compared in under this mode. */
  String normalize(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (this == EXACT) {
      return lower;
    }
    StringBuilder sb = null;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean sep = c == '-' || c == '_' || c == '.' || c == ' ';
      if (sep && sb == null) {
        sb = new StringBuilder(lower.length()).append(lower, 0, i);
      } else if (!sep && sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? lower : sb.toString();
  }
}
