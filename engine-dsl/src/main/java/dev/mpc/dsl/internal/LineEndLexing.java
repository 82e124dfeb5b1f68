package dev.mpc.dsl.internal;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.LexerATNSimulator;
import org.antlr.v4.runtime.atn.PredictionContextCache;
import org.antlr.v4.runtime.dfa.DFA;

/**
 * Makes a generated ANTLR lexer count CR, LF and CRLF alike as one line end in token positions.
 * ANTLR's lexer simulator only counts LF, so after a lone CR (old Mac line ends) every line and
 * column would be off. The characters themselves are unchanged. Used by the manifest DSL lexer and
 * the expression lexer, so that positions agree whatever line ends a text uses.
 *
 * <p>Stateless; the installed simulator belongs to one lexer (not thread-safe, like the lexer).
 */
public final class LineEndLexing {
  private LineEndLexing() {}

  /** Replaces {@code lexer}'s simulator by one that treats a lone CR as a line end; returns it. */
  public static <L extends Lexer> L install(L lexer, ATN atn, DFA[] decisionToDFA, PredictionContextCache cache) {
    lexer.setInterpreter(new Simulator(lexer, atn, decisionToDFA, cache));
    return lexer;
  }

  /** ANTLR's lexer simulator, but a CR not followed by LF ends the line as LF does. */
  private static final class Simulator extends LexerATNSimulator {
    Simulator(Lexer recog, ATN atn, DFA[] decisionToDFA, PredictionContextCache cache) {
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
