package dev.mpc.dsl.internal;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * An ANTLR {@link CharStream} reading a {@code String} in place, for text without surrogates
 * (where a char index is a code point index, as ANTLR counts). {@code CharStreams.fromString}
 * copies the text twice (into a char buffer, then into a code point buffer); this copies nothing,
 * and token text is a substring. Use {@link #of(String)}, which falls back to ANTLR's stream for
 * text with surrogates. Not thread-safe: one per parse.
 */
final class StringCharStream implements CharStream {
  private final String text;
  private final char[] chars;
  private final int size;
  private int position;

  private StringCharStream(String text, char[] chars) {
    this.text = text;
    this.chars = chars;
    this.size = chars.length;
  }

  /** A stream over {@code text}; {@code hasSurrogates} must say whether it has any surrogate. */
  static CharStream of(String text, boolean hasSurrogates) {
    return of(text, text.toCharArray(), hasSurrogates);
  }

  static CharStream of(String text, char[] chars, boolean hasSurrogates) {
    return hasSurrogates ? org.antlr.v4.runtime.CharStreams.fromString(text) : new StringCharStream(text, chars);
  }

  @Override
  public String getText(Interval interval) {
    int start = Math.min(interval.a, size);
    int length = Math.min(interval.b - interval.a + 1, size - start);
    return length <= 0 ? "" : text.substring(start, start + length);
  }

  @Override
  public void consume() {
    if (position >= size) {
      throw new IllegalStateException("cannot consume EOF");
    }
    position++;
  }

  @Override
  public int LA(int i) {
    if (i > 0) {
      int at = position + i - 1;
      return at < size ? chars[at] : IntStream.EOF;
    }
    if (i < 0) {
      int at = position + i;
      return at >= 0 ? chars[at] : IntStream.EOF;
    }
    return 0; // undefined, as in ANTLR's streams
  }

  @Override
  public int mark() {
    return -1;
  }

  @Override
  public void release(int marker) {
    // the whole text is in memory: nothing to release
  }

  @Override
  public int index() {
    return position;
  }

  @Override
  public void seek(int index) {
    position = Math.max(0, Math.min(index, size));
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String getSourceName() {
    return IntStream.UNKNOWN_SOURCE_NAME;
  }

  @Override
  public String toString() {
    return text;
  }
}
