package dev.mpc.dsl.internal;

import java.io.Reader;
import java.util.Objects;

/**
 * A reader over a string that never ends a read of several chars between the two halves of a
 * surrogate pair when more text follows. snakeyaml-engine 2.10's {@code StreamReader} reads one
 * more char after a chunk that ends on a high surrogate, into the slot just past a full buffer,
 * which throws {@link IndexOutOfBoundsException} when a pair straddles its 1,024-char buffer.
 * The chars delivered are exactly the string's. Not thread-safe: one instance per parse.
 */
final class PairSafeStringReader extends Reader {
  private final String text;
  private int pos;

  PairSafeStringReader(String text) {
    this.text = text;
  }

  @Override
  public int read(char[] buf, int off, int len) {
    int left = text.length() - pos;
    if (left <= 0) {
      // at the end, whatever the slot: snakeyaml asks for the char after a chunk that ends on a high
      // surrogate one slot past its buffer, and a text that ends on a lone high surrogate exactly
      // at a buffer boundary got there (found by FrontEndHardeningTest's garbage property)
      return -1;
    }
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len == 0) {
      return 0;
    }
    int n = Math.min(len, left);
    if (n > 1 && n < left && Character.isHighSurrogate(text.charAt(pos + n - 1))) {
      n--;
    }
    text.getChars(pos, pos + n, buf, off);
    pos += n;
    return n;
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
