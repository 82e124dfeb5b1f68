package dev.mpc.dsl.internal;

import org.antlr.v4.runtime.CharStream;

/**
 * The generated DSL lexer with CR, LF and CRLF all counted as one line end in token positions
 * ({@link LineEndLexing}). Not thread-safe: one per parse.
 */
final class ManifestLexer extends MpcManifestLexer {
  ManifestLexer(CharStream input) {
    super(input);
    LineEndLexing.install(this, _ATN, _decisionToDFA, _sharedContextCache);
    removeErrorListeners();
  }
}
