package dev.mpc.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly like Python's {@code repr(float)}, which MPC's canonical form uses.
 *
 * <p>Python picks the shortest decimal digit string that reads back as the same double (and,
 * among those, the one closest to the exact binary value), then writes it positionally when the
 * decimal exponent {@code e} (value = 0.d1..dn x 10^e) satisfies {@code -4 < e <= 16}, otherwise in
 * scientific form with a signed, at-least-two-digit exponent. Java 17's {@code Double.toString} is
 * not shortest in all cases (JDK-4511638, fixed only in JDK 19) and formats differently, so the
 * digits are searched here with exact {@link BigDecimal} arithmetic. Floats are rare in manifests,
 * so the cost (a few exact roundings) does not matter; the common short values exit after one or
 * two precisions.
 */
final class PythonFloat {
  private PythonFloat() {}

  static String repr(double value) {
    if (value == 0.0) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
    }
    boolean negative = value < 0;
    double abs = Math.abs(value);
    BigDecimal shortest = shortestRoundTrip(abs);
    BigInteger unscaled = shortest.unscaledValue();
    int scale = shortest.scale();
    String digits = unscaled.toString();
    // strip trailing zeros of the digit string (keeping the value)
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
      scale--;
    }
    digits = digits.substring(0, end);
    int n = digits.length();
    int e = n - scale; // value = 0.d1..dn x 10^e
    StringBuilder sb = new StringBuilder(n + 8);
    if (negative) {
      sb.append('-');
    }
    if (e > -4 && e <= 16) {
      if (e <= 0) {
        sb.append("0.");
        for (int i = 0; i < -e; i++) {
          sb.append('0');
        }
        sb.append(digits);
      } else if (e >= n) {
        sb.append(digits);
        for (int i = 0; i < e - n; i++) {
          sb.append('0');
        }
        sb.append(".0");
      } else {
        sb.append(digits, 0, e).append('.').append(digits, e, n);
      }
    } else {
      sb.append(digits.charAt(0));
      if (n > 1) {
        sb.append('.').append(digits, 1, n);
      }
      int exp = e - 1;
      sb.append('e').append(exp < 0 ? '-' : '+');
      int absExp = Math.abs(exp);
      if (absExp < 10) {
        sb.append('0');
      }
      sb.append(absExp);
    }
    return sb.toString();
  }

  /**
   * The shortest decimal that reads back as {@code abs}; among equals in length, the closest.
   *
   * <p>Whether some p-digit decimal reads back as {@code abs} is monotonic in p (append a zero),
   * so the search starts from the digit count of Java's own {@code Double.toString}, which always
   * reads back but is not always shortest on Java 17, and walks down until a precision fails.
   */
  private static BigDecimal shortestRoundTrip(double abs) {
    BigDecimal exact = new BigDecimal(abs);
    int n = significantDigits(Double.toString(abs));
    BigDecimal best = roundTrip(exact, abs, n);
    if (best == null) {
      // Not expected (toString's n digits read back); fall back to the full upward search.
      for (int p = 1; p <= 17; p++) {
        BigDecimal c = roundTrip(exact, abs, p);
        if (c != null) {
          return c;
        }
      }
      return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
    for (int p = n - 1; p >= 1; p--) {
      BigDecimal c = roundTrip(exact, abs, p);
      if (c == null) {
        break;
      }
      best = c;
    }
    return best;
  }

  /** The closest p-digit decimal that reads back as {@code abs}, or null if none does. */
  private static BigDecimal roundTrip(BigDecimal exact, double abs, int p) {
    BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
    if (nearest.doubleValue() == abs) {
      return nearest;
    }
    // At a power of two the rounding interval is asymmetric: a p-digit neighbour of the nearest
    // p-digit decimal can read back correctly even when the nearest one does not.
    BigDecimal ulp = nearest.ulp();
    BigDecimal best = null;
    for (BigDecimal candidate : new BigDecimal[] {nearest.add(ulp), nearest.subtract(ulp)}) {
      if (candidate.signum() > 0 && candidate.precision() <= p && candidate.doubleValue() == abs) {
        if (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
          best = candidate;
        }
      }
    }
    return best;
  }

  /** Significant digits of a {@code Double.toString} result (e.g. {@code 1.0E-5} has 1). */
  private static int significantDigits(String javaRepr) {
    int e = javaRepr.indexOf('E');
    String mantissa = (e < 0 ? javaRepr : javaRepr.substring(0, e)).replace(".", "");
    int start = 0;
    while (start < mantissa.length() - 1 && mantissa.charAt(start) == '0') {
      start++;
    }
    int end = mantissa.length();
    while (end > start + 1 && mantissa.charAt(end - 1) == '0') {
      end--;
    }
    return Math.min(17, Math.max(1, end - start));
  }
}
