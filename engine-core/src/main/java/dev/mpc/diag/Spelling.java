package dev.mpc.diag;

/**
 * The edit distance behind the "did you mean" suggestions of diagnostics (an unknown property,
 * an impossible path), so every suggestion in MPC is made the same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class Spelling {
  private Spelling() {}

  /**
   * The candidate nearest to {@code name} by case-insensitive edit distance, if it is near enough to
   * be a slip (at most {@code max(1, min(2, |name| / 3))} edits); the first of equally near ones.
   */
  public static java.util.Optional<String> nearest(String name, Iterable<String> candidates) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    int limit = Math.max(1, Math.min(2, name.length() / 3));
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(c.toLowerCase(java.util.Locale.ROOT), lower);
      if (d <= limit && d < bestD) {
        best = c;
        bestD = d;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  /** The Levenshtein distance between {@code a} and {@code b} (names are short: O(|a|·|b|)). */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
