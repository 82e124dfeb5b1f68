package dev.mpc.dsl.internal;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.LexerATNSimulator;
import org.antlr.v4.runtime.atn.PredictionContextCache;
import org.antlr.v4.runtime.dfa.DFA;

/**
 * The generated DSL lexer with CR, LF and CRLF all counted as one line end in token positions.
 * ANTLR's simulator only counts LF, so after a lone CR (old Mac line ends) every line and column
 * would be off. The characters themselves are unchanged. Not thread-safe: one per parse.
 */
final class ManifestLexer extends MpcManifestLexer {
  ManifestLexer(CharStream input) {
    super(input);
    _interp = new LineEndSimulator(this, _ATN, _decisionToDFA, _sharedContextCache);
    removeErrorListeners();
  }

  /** ANTLR's lexer simulator, but a CR not followed by LF ends the line as LF does. */
  private static final class LineEndSimulator extends LexerATNSimulator {
    LineEndSimulator(Lexer recog, ATN atn, DFA[] decisionToDFA, PredictionContextCache cache) {
      super(recog, atn, decisionToDFA, cache);
    }

    @Override
    public void consume(CharStream input) {
      if (input.LA(1) == '\r' && input.LA(2) != '\n') {
        setLine(getLine() + 1);
        setCharPositionInLine(0);
        input.consume();
        return;
      }
      super.consume(input);
    }
  }
}
