package dev.mpc.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.junit.jupiter.api.Test;

/** The in-place string stream lexes exactly as ANTLR's own stream (text without surrogates). */
class StringCharStreamProperties {
  private static List<String> tokens(CharStream chars) {
    MpcManifestLexer lexer = new MpcManifestLexer(chars);
    lexer.removeErrorListeners();
    List<String> out = new ArrayList<>();
    for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
      out.add(t.getType() + "@" + t.getStartIndex() + ":" + t.getStopIndex() + "@" + t.getLine() + ":"
          + t.getCharPositionInLine() + "=" + t.getText());
      if (t.getType() == Token.EOF) {
        return out;
      }
    }
  }

  @Property(tries = 2000)
  void lexesLikeAntlrsStream(@ForAll @StringLength(max = 80) @Chars({'d', 'e', 'f', ' ', '\n', '"', '\\', '{', '}',
      '[', ']', ':', ',', '1', '.', 'x', '@', '/', '#', '-', '+'}) @CharRange(from = 'a', to = 'c')
      @CharRange(from = '\u00e0', to = '\u00e9') @CharRange(from = '\u4e00', to = '\u4e03') String text) {
    assertEquals(tokens(CharStreams.fromString(text)), tokens(StringCharStream.of(text, false)), text);
  }

  @Test
  void streamContract() {
    CharStream s = StringCharStream.of("ab", false);
    assertEquals('a', s.LA(1));
    assertEquals(IntStream.EOF, s.LA(-1));
    s.consume();
    assertEquals('a', s.LA(-1));
    assertEquals('b', s.LA(1));
    assertEquals(IntStream.EOF, s.LA(2));
    s.consume();
    assertThrows(IllegalStateException.class, s::consume);
    assertEquals("ab", s.getText(Interval.of(0, 5)));
    assertEquals("", s.getText(Interval.of(3, 4)));
    s.seek(0);
    assertEquals(0, s.index());
    assertEquals(2, s.size());
  }
}
