package dev.mpc.redact;

/**
 * A value-based detector: finds a secret by what a string looks like, wherever it is (under any
 * key, in an array, in free text such as a log line or an exception message), not by the key it
 * sits under. All are on by default ({@link Redactor.Builder#detectors}); each scans in time
 * linear in the text.
 *
 * <p>Immutable and thread-safe.
 */
public enum Detector {
  /**
   * The password of a URL's user info: {@code postgres://app:s3cret@db/x} becomes
   * {@code postgres://app:***@db/x} (scheme, user and host are kept).
   */
  URL_CREDENTIALS,
  /**
   * HTTP authorization values: the credentials after the word {@code Bearer} (any token), and
   * after {@code Basic} when they are base64 of {@code user:password}.
   */
  AUTHORIZATION,
  /** JWT-shaped tokens ({@code eyJ...}{@code .}{@code ...}{@code .}{@code ...}), masked whole. */
  JWT,
  /**
   * Payment card numbers: 13 to 19 digits (single spaces or dashes allowed between them), first
   * digit 2 to 6, Luhn-valid, not touching a letter or digit; all but the last four digits are
   * masked ({@code 4111 1111 1111 1111} becomes {@code ***1111}). Also integers of that shape.
   */
  CARD_NUMBER,
  /**
   * {@code key=value}, {@code key: value} and {@code "key": "value"} inside free text, for every
   * key the redactor treats as sensitive (by its deny keys): the value is masked — a quoted value
   * up to its closing quote (escaped quotes too), a {@code {...}} or {@code [...]} group up to its
   * matching bracket, otherwise up to whitespace or one of {@code , ; & ) } ] " '}.
   */
  KEY_VALUE
}
