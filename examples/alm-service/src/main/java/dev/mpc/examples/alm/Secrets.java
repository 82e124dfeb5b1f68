package dev.mpc.examples.alm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the password of connection URLs wherever the service shows one (logs, errors, health):
 * {@code postgresql://user:PASS@host:5432/db} becomes {@code postgresql://user:***@host:5432/db},
 * {@code redis://:PASS@host:6379/0} becomes {@code redis://:***@host:6379/0}; scheme, user, host,
 * port and path are kept. A JDBC URL's {@code password=} parameter is hidden too.
 */
public final class Secrets {
  private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^:/@\\s]*):([^@\\s]*)@");
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;\\s]*");

  private Secrets() {}

  /** {@code text} with every URL password replaced by {@code ***}. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = USERINFO.matcher(text);
    String out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + ":***@"));
    return PASSWORD_PARAM.matcher(out).replaceAll("$1***");
  }
}
