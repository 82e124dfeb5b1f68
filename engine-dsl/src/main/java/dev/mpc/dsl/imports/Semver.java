package dev.mpc.dsl.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic versions and version constraints, in two dialects.
 *
 * <p>{@link #satisfies} follows SemVer 2.0.0 and npm's range grammar: {@code ||} alternatives, each
 * a space-separated set of comparators that must all hold; comparators {@code =}, {@code >},
 * {@code >=}, {@code <}, {@code <=}, {@code ^}, {@code ~}; X-ranges ({@code *}, {@code 1.x},
 * {@code 1.2.*}, partial versions {@code 1}, {@code 1.2}); hyphen ranges {@code 1.2 - 2.3.4}.
 * Caret locks the left-most non-zero part ({@code ^0.2.3} is {@code >=0.2.3 <0.3.0}). A version
 * with a prerelease tag satisfies a comparator set only if some comparator of the set names a
 * prerelease of the same {@code major.minor.patch}; prereleases order per SemVer §11; build
 * metadata is ignored.
 *
 * <p>{@link #upstreamSatisfies} reproduces upstream MPC's {@code check_semver} exactly (pipeline
 * spec §12.4): leading digits only, caret keeps the major even for 0.x, no ranges.
 *
 * <p>Thread-safe (stateless).
 */
final class Semver {
  private Semver() {}

  /** Numeric parts are bounded so that comparison never needs big numbers. */
  private static final int MAX_NUMBER_DIGITS = 15;
  private static final int MAX_CONSTRAINT_CHARS = 1024;

  private static final Pattern VERSION = Pattern.compile(
      "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
          + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
  /** A partial version inside a range: x, X and * are wildcards. */
  private static final Pattern PARTIAL = Pattern.compile(
      "v?(0|[1-9]\\d*|[xX*])(?:\\.(0|[1-9]\\d*|[xX*])(?:\\.(0|[1-9]\\d*|[xX*])"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?");
  private static final Pattern OPERATOR = Pattern.compile("(\\^|~>?|>=|<=|>|<|=)?\\s*(.*)");

  /**
   * A parsed semantic version.
   *
   * @param major major
   * @param minor minor
   * @param patch patch
   * @param pre prerelease identifiers (empty for a release)
   */
  record Version(long major, long minor, long patch, List<String> pre) implements Comparable<Version> {
    static Version of(long major, long minor, long patch) {
      return new Version(major, minor, patch, List.of());
    }

    /** The smallest version with this triple: {@code X.Y.Z-0}. */
    Version lowestPrerelease() {
      return new Version(major, minor, patch, List.of("0"));
    }

    boolean sameTriple(Version o) {
      return major == o.major && minor == o.minor && patch == o.patch;
    }

    @Override
    public int compareTo(Version o) {
      int c = Long.compare(major, o.major);
      if (c == 0) {
        c = Long.compare(minor, o.minor);
      }
      if (c == 0) {
        c = Long.compare(patch, o.patch);
      }
      if (c != 0) {
        return c;
      }
      if (pre.isEmpty() || o.pre.isEmpty()) {
        return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
      }
      for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
        c = comparePreIdentifier(pre.get(i), o.pre.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(pre.size(), o.pre.size());
    }

    private static int comparePreIdentifier(String a, String b) {
      boolean an = isNumeric(a);
      boolean bn = isNumeric(b);
      if (an && bn) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
      }
      if (an != bn) {
        return an ? -1 : 1;
      }
      return a.compareTo(b);
    }

    private static boolean isNumeric(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) < '0' || s.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + String.join(".", pre));
    }
  }

  /** Parses a full SemVer 2.0 version (an optional leading {@code v} is accepted). */
  static Optional<Version> parse(String text) {
    String t = text.strip();
    if (t.length() > MAX_CONSTRAINT_CHARS) {
      return Optional.empty();
    }
    Matcher m = VERSION.matcher(t);
    if (!m.matches() || tooLong(m.group(1), m.group(2), m.group(3))) {
      return Optional.empty();
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return Optional.of(new Version(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)), pre));
  }

  private static boolean tooLong(String... parts) {
    for (String p : parts) {
      if (p != null && p.length() > MAX_NUMBER_DIGITS) {
        return true;
      }
    }
    return false;
  }

  /**
   * One comparator: {@code version op bound}. {@code namesPrerelease} is true when the user wrote a
   * prerelease in this bound (synthesised {@code -0} upper bounds do not count).
   */
  private record Comparator(String op, Version bound, boolean namesPrerelease) {
    Comparator(String op, Version bound) {
      this(op, bound, !bound.pre().isEmpty());
    }

    static Comparator below(Version upper) {
      return new Comparator("<", upper, false);
    }

    boolean test(Version v) {
      int c = v.compareTo(bound);
      return switch (op) {
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        default -> c == 0;
      };
    }
  }

  /** A parsed constraint: alternatives of comparator sets. */
  record Constraint(List<List<Comparator>> alternatives) {
    boolean test(Version v) {
      for (List<Comparator> set : alternatives) {
        if (testSet(set, v)) {
          return true;
        }
      }
      return false;
    }

    private static boolean testSet(List<Comparator> set, Version v) {
      for (Comparator c : set) {
        if (!c.test(v)) {
          return false;
        }
      }
      if (v.pre().isEmpty()) {
        return true;
      }
      for (Comparator c : set) {
        if (c.namesPrerelease() && c.bound().sameTriple(v)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Parses a constraint; empty if it is not one. */
  static Optional<Constraint> parseConstraint(String text) {
    if (text.length() > MAX_CONSTRAINT_CHARS) {
      return Optional.empty();
    }
    List<List<Comparator>> alternatives = new ArrayList<>();
    for (String alt : text.split("\\|\\|", -1)) {
      List<Comparator> set = parseSet(alt.strip());
      if (set == null) {
        return Optional.empty();
      }
      alternatives.add(set);
    }
    return Optional.of(new Constraint(List.copyOf(alternatives)));
  }

  private static List<Comparator> parseSet(String set) {
    List<Comparator> out = new ArrayList<>();
    if (set.isEmpty()) {
      return out; // matches any release, like "*"
    }
    String[] hyphen = set.split("\\s+-\\s+", -1);
    if (hyphen.length == 2) {
      Partial lo = partial(hyphen[0].strip());
      Partial hi = partial(hyphen[1].strip());
      if (lo == null || hi == null) {
        return null;
      }
      if (lo.major != null) {
        out.add(new Comparator(">=", lo.floor()));
      }
      if (hi.major != null) {
        out.add(hi.isFull() ? new Comparator("<=", hi.floor()) : Comparator.below(hi.nextAtPrecision()));
      }
      return out;
    }
    if (hyphen.length > 2) {
      return null;
    }
    // Glue an operator separated from its version by spaces (">= 1.2") to it.
    String[] tokens = set.replaceAll("(\\^|~>?|>=|<=|>|<|=)\\s+", "$1").split("\\s+");
    for (String token : tokens) {
      if (!comparators(token, out)) {
        return null;
      }
    }
    return out;
  }

  /** A partial version: null parts are wildcards / missing. */
  private record Partial(Long major, Long minor, Long patch, List<String> pre) {
    boolean isFull() {
      return major != null && minor != null && patch != null;
    }

    Version floor() {
      return new Version(major == null ? 0 : major, minor == null ? 0 : minor, patch == null ? 0 : patch, pre);
    }

    /** The lowest version above every version this partial covers: 1.2 → 1.3.0-0, 1 → 2.0.0-0. */
    Version nextAtPrecision() {
      if (minor == null) {
        return Version.of(major + 1, 0, 0).lowestPrerelease();
      }
      return Version.of(major, minor + 1, 0).lowestPrerelease();
    }
  }

  private static Partial partial(String text) {
    Matcher m = PARTIAL.matcher(text);
    if (!m.matches() || tooLong(m.group(1), m.group(2), m.group(3))) {
      return null;
    }
    Long major = number(m.group(1));
    Long minor = major == null ? null : number(m.group(2));
    Long patch = minor == null ? null : number(m.group(3));
    List<String> pre = patch != null && m.group(4) != null ? List.of(m.group(4).split("\\.")) : List.of();
    return new Partial(major, minor, patch, pre);
  }

  private static Long number(String part) {
    return part == null || part.equals("x") || part.equals("X") || part.equals("*") ? null : Long.parseLong(part);
  }

  private static boolean comparators(String token, List<Comparator> out) {
    Matcher om = OPERATOR.matcher(token);
    if (!om.matches()) {
      return false;
    }
    String op = om.group(1) == null ? "" : om.group(1);
    Partial p = partial(om.group(2));
    if (p == null) {
      return false;
    }
    if (p.major == null) {
      // "*", "x", ">=*": any version; "<*" and ">*" match nothing.
      if (op.equals("<") || op.equals(">")) {
        out.add(Comparator.below(Version.of(0, 0, 0).lowestPrerelease()));
      }
      return true;
    }
    Version floor = p.floor();
    switch (op) {
      case "^" -> {
        out.add(new Comparator(">=", floor));
        Version upper;
        if (p.major > 0 || p.minor == null) {
          upper = Version.of(p.major + 1, 0, 0);
        } else if (p.minor > 0 || p.patch == null) {
          upper = Version.of(0, p.minor + 1, 0);
        } else {
          upper = Version.of(0, 0, p.patch + 1);
        }
        out.add(Comparator.below(upper.lowestPrerelease()));
      }
      case "~", "~>" -> {
        out.add(new Comparator(">=", floor));
        out.add(Comparator.below(p.nextAtPrecision()));
      }
      case ">" -> out.add(p.isFull() ? new Comparator(">", floor) : new Comparator(">=", p.nextAtPrecision(), false));
      case ">=" -> out.add(new Comparator(">=", floor));
      case "<" -> out.add(p.isFull() ? new Comparator("<", floor) : Comparator.below(floor.lowestPrerelease()));
      case "<=" -> out.add(p.isFull() ? new Comparator("<=", floor) : Comparator.below(p.nextAtPrecision()));
      default -> {
        if (p.isFull()) {
          out.add(new Comparator("=", floor));
        } else {
          out.add(new Comparator(">=", floor));
          out.add(Comparator.below(p.nextAtPrecision()));
        }
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ upstream dialect

  private static final Pattern UP_3 = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Pattern UP_2 = Pattern.compile("^(\\d+)\\.(\\d+)");
  private static final Pattern UP_1 = Pattern.compile("^(\\d+)");

  /** Upstream {@code parseVer}: leading X.Y.Z, X.Y or X; null when unparseable. */
  static long[] upstreamParse(String text) {
    String t = text.stripLeading();
    if (t.length() > MAX_CONSTRAINT_CHARS) {
      t = t.substring(0, MAX_CONSTRAINT_CHARS);
    }
    for (Pattern p : List.of(UP_3, UP_2, UP_1)) {
      Matcher m = p.matcher(t);
      if (m.find()) {
        long[] v = new long[3];
        for (int i = 0; i < m.groupCount(); i++) {
          String g = m.group(i + 1);
          v[i] = g.length() > MAX_NUMBER_DIGITS ? Long.MAX_VALUE : Long.parseLong(g);
        }
        return v;
      }
    }
    return null;
  }

  private static int compare(long[] a, long[] b) {
    for (int i = 0; i < 3; i++) {
      int c = Long.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Upstream {@code check_semver(version, constraint)}, pipeline spec §12.4. */
  static boolean upstreamSatisfies(String version, String constraint) {
    long[] v = upstreamParse(version);
    if (v == null) {
      return false;
    }
    String c = constraint.strip();
    String op;
    if (c.startsWith("^")) {
      op = "^";
    } else if (c.startsWith("~")) {
      op = "~";
    } else if (c.startsWith(">=")) {
      op = ">=";
    } else if (c.startsWith(">")) {
      op = ">";
    } else if (c.startsWith("<=")) {
      op = "<=";
    } else if (c.startsWith("<")) {
      op = "<";
    } else {
      op = "";
    }
    long[] b = upstreamParse(c.substring(op.length()));
    if (b == null) {
      return false;
    }
    int cmp = compare(v, b);
    return switch (op) {
      case "^" -> cmp >= 0 && v[0] == b[0];
      case "~" -> cmp >= 0 && v[0] == b[0] && v[1] == b[1];
      case ">=" -> cmp >= 0;
      case ">" -> cmp > 0;
      case "<=" -> cmp <= 0;
      case "<" -> cmp < 0;
      default -> cmp == 0;
    };
  }
}
