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

  /** The shortest decimal that reads back as {@code abs}; among equals in length, the closest. */
  private static BigDecimal shortestRoundTrip(double abs) {
    BigDecimal exact = new BigDecimal(abs);
    for (int p = 1; p <= 17; p++) {
      BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (nearest.doubleValue() == abs) {
        return nearest;
      }
      // At a power of two the rounding interval is asymmetric: a p-digit neighbour of the
      // nearest p-digit decimal can read back correctly even when the nearest one does not.
      BigDecimal ulp = nearest.ulp();
      BigDecimal best = null;
      for (BigDecimal candidate : new BigDecimal[] {nearest.add(ulp), nearest.subtract(ulp)}) {
        if (candidate.signum() > 0 && candidate.precision() <= p && candidate.doubleValue() == abs) {
          if (best == null
              || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
            best = candidate;
          }
        }
      }
      if (best != null) {
        return best;
      }
    }
    // 17 significant digits always round-trip; unreachable for finite doubles.
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }
}
