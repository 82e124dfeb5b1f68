package dev.mpc.dsl.internal;

/** DSL string escapes (pipeline spec §4.3, exactly four hex digits after {@code \\u}). Stateless. */
final class Strings {
  private Strings() {}

  /**
   * Unescapes {@code raw[from, to)}: {@code \\ \" \/ \n \t \r \b \f} and {@code \\u} with exactly
   * four hex digits; any other backslash sequence is kept literally, backslash included.
   */
  public static String unescape(String raw, int from, int to) {
    int bs = from;
    while (bs < to && raw.charAt(bs) != '\\') {
      bs++; // bounded by to: raw may be a whole document
    }
    if (bs == to) {
      return raw.substring(from, to);
    }
    StringBuilder sb = new StringBuilder(to - from);
    sb.append(raw, from, bs);
    int i = bs;
    while (i < to) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= to) {
        sb.append(c);
        i++;
        continue;
      }
      char d = raw.charAt(i + 1);
      switch (d) {
        case '\\' -> sb.append('\\');
        case '"' -> sb.append('"');
        case '/' -> sb.append('/');
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 6 <= to && isHex4(raw, i + 2)) {
            sb.append((char) Integer.parseInt(raw.substring(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          sb.append('\\').append('u');
        }
        default -> sb.append('\\').append(d);
      }
      i += 2;
    }
    return sb.toString();
  }

  private static boolean isHex4(String s, int at) {
    for (int k = at; k < at + 4; k++) {
      if (Character.digit(s.charAt(k), 16) < 0 || s.charAt(k) > 'f') {
        return false;
      }
    }
    return true;
  }

  /** The DSL (and JSON) string literal for {@code s}, quotes included. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    quote(s, sb);
    return sb.toString();
  }

  /**
   * Appends the DSL string literal for {@code s}, quotes included: the canonical JSON string, but
   * with U+0085, U+2028 and U+2029 escaped ({@code \\u2028}), as the DSL refuses them raw.
   */
  public static void quote(String s, StringBuilder sb) {
    int from = sb.length();
    dev.mpc.json.Canonical.writeString(s, sb);
    for (int i = from; i < sb.length(); i++) {
      char c = sb.charAt(i);
      if (LineEnds.isUnicodeBreak(c)) {
        sb.replace(i, i + 1, String.format("\\u%04x", (int) c));
        i += 5;
      }
    }
  }
}
