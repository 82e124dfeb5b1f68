package dev.mpc.dsl.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ReaderBasedJsonParser;
import com.fasterxml.jackson.core.sym.CharsToNameCanonicalizer;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonString;
import dev.mpc.json.internal.JsonMessages;
import java.io.IOException;
import java.io.Reader;

/**
 * The JSON front end: Jackson streaming, positions for every object and member, no recursion.
 * Thread-safe (the factory is immutable once configured).
 */
public final class JsonFrontend {
  /** Longest number literal accepted (sign, digits, point and exponent), in chars, in every syntax. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  private final ParseLimits limits;
  private final JsonFactory factory;

  /** A front end enforcing {@code limits}. */
  public JsonFrontend(ParseLimits limits) {
    this.limits = limits;
    // The limits are checked by this front end and the tree builder, with MPC's messages; the
    // library's own constraints sit above them (a backstop whose message is never shown).
    this.factory = new PositionFactory(new JsonFactoryBuilder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth() + 1)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .maxDocumentLength(-1)
            .build()));
  }

  /** Parses {@code text} into an AST, or returns null with problems recorded. */
  public ManifestAst parse(String text, Problems problems) {
    TreeNormalizer normalizer = new TreeNormalizer(problems, limits, "JSON object");
    PositionedTree t = tree(text, problems, normalizer);
    return t == null ? null : normalizer.normalize(t.root());
  }

  /** Parses {@code text} into values with positions, or returns null with problems recorded. */
  public PositionedTree tree(String text, Problems problems) {
    if (!Problems.sizeOk(text, limits, problems)) {
      return null;
    }
    try {
      return tree(text, problems, null);
    } catch (Problems.LimitExceeded stop) {
      return null; // recorded: a limit or a repeated key
    }
  }

  /**
   * As {@link #tree(String, Problems)}; with a {@code normalizer}, positions only where a manifest
   * needs them and the root's definitions normalized as soon as each is read.
   */
  private PositionedTree tree(String text, Problems problems, TreeNormalizer normalizer) {
    TreeBuilder tb = new TreeBuilder(problems, limits, Prefixer.JSON, normalizer != null);
    if (normalizer != null) {
      normalizer.positions(tb.positions());
      tb.streamDefinitions(normalizer);
    }
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        syntax(problems, p.currentLocation(), "Expecting value");
        return null;
      }
      PositionParser pp = (PositionParser) p;
      while (true) {
        int line = pp.tokenLine();
        int col = pp.tokenCol();
        switch (t) {
          case START_OBJECT -> tb.startObject(line, col, null);
          case START_ARRAY -> tb.startArray(line, col, null);
          case FIELD_NAME -> {
            String name = p.currentName();
            if (JsonString.firstUnpairedSurrogate(name) >= 0) {
              invalid(problems, p.currentTokenLocation(), "unpaired surrogate in key");
              return null;
            }
            tb.key(name, line, col);
          }
          case END_OBJECT, END_ARRAY -> tb.end(pp.line(), pp.col());
          case VALUE_STRING -> {
            String s = p.getText();
            if (JsonString.firstUnpairedSurrogate(s) >= 0) {
              invalid(problems, p.currentTokenLocation(), "unpaired surrogate in string");
              return null;
            }
            scalar(tb, pp, JsonString.of(s), line, col);
          }
          case VALUE_NUMBER_INT -> {
            if (!numberLengthOk(p, problems)) {
              return null;
            }
            scalar(tb, pp, JsonInt.of(p.getBigIntegerValue()), line, col);
          }
          case VALUE_NUMBER_FLOAT -> {
            if (!numberLengthOk(p, problems)) {
              return null;
            }
            double d = p.getDoubleValue();
            if (!Double.isFinite(d)) {
              invalid(problems, p.currentTokenLocation(), "number " + abbreviate(p.getText()) + " is out of double range");
              return null;
            }
            scalar(tb, pp, new JsonFloat(d), line, col);
          }
          case VALUE_TRUE -> scalar(tb, pp, JsonBool.TRUE, line, col);
          case VALUE_FALSE -> scalar(tb, pp, JsonBool.FALSE, line, col);
          case VALUE_NULL -> scalar(tb, pp, JsonNull.INSTANCE, line, col);
          default -> {
            invalid(problems, p.currentTokenLocation(), "unexpected token " + t);
            return null;
          }
        }
        if (tb.done()) {
          break;
        }
        t = p.nextToken();
        if (t == null) {
          syntax(problems, p.currentLocation(), "unexpected end of input");
          return null;
        }
      }
      if (p.nextToken() != null) {
        syntax(problems, p.currentTokenLocation(), "Extra data");
        return null;
      }
    } catch (StreamConstraintsException e) {
      problems.add(Code.E_QUOTA_EXCEEDED, Prefixer.JSON.prefix(line(e.getLocation()), col(e.getLocation())),
          "the document exceeds a reading limit (ParseLimits)", line(e.getLocation()), col(e.getLocation()));
      return null;
    } catch (JsonProcessingException e) {
      syntax(problems, e.getLocation(), JsonMessages.clean(e.getOriginalMessage(), "malformed JSON"));
      return null;
    } catch (IOException e) {
      syntax(problems, null, JsonMessages.clean(e.getMessage(), "malformed JSON"));
      return null;
    }
    return new PositionedTree(tb.root(), tb.positions());
  }

  /** Whether the current number token is at most {@link #MAX_NUMBER_LENGTH} chars; else records it. */
  private static boolean numberLengthOk(JsonParser p, Problems problems) throws IOException {
    int length = p.getTextLength();
    if (length > MAX_NUMBER_LENGTH) {
      invalid(problems, p.currentTokenLocation(), tooLongNumber(length));
      return false;
    }
    return true;
  }

  /** The message for a number literal of {@code length} chars, longer than {@link #MAX_NUMBER_LENGTH}. */
  static String tooLongNumber(int length) {
    return "number of " + length + " chars is longer than the limit of " + MAX_NUMBER_LENGTH + " chars";
  }

  private static void scalar(TreeBuilder tb, PositionParser p, dev.mpc.json.JsonValue v, int line, int col) {
    tb.scalar(v, line, col, p.line(), p.col());
  }

  /**
   * Creates {@link PositionParser}s: Jackson's parser for strings and readers, unchanged but for
   * position getters that allocate nothing. Thread-safe like {@link JsonFactory}.
   */
  private static final class PositionFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    PositionFactory(JsonFactoryBuilder b) {
      super(b);
    }

    @Override
    protected JsonParser _createParser(Reader r, IOContext ctxt) {
      return new PositionParser(ctxt, _parserFeatures, r, _objectCodec, _rootCharSymbols.makeChild());
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable) {
      return new PositionParser(ctxt, _parserFeatures, null, _objectCodec, _rootCharSymbols.makeChild(),
          data, offset, offset + len, recyclable);
    }
  }

  /**
   * Jackson's parser with the line and column of {@code currentTokenLocation()} and
   * {@code currentLocation()} read without creating a {@code JsonLocation} per token (they made a
   * quarter of all allocation). Same values, including the name's own position for field names.
   * Not thread-safe: one per parse.
   */
  private static final class PositionParser extends ReaderBasedJsonParser {
    PositionParser(IOContext ctxt, int features, Reader r, ObjectCodec codec, CharsToNameCanonicalizer st) {
      super(ctxt, features, r, codec, st);
    }

    PositionParser(IOContext ctxt, int features, Reader r, ObjectCodec codec, CharsToNameCanonicalizer st,
        char[] buf, int start, int end, boolean recyclable) {
      super(ctxt, features, r, codec, st, buf, start, end, recyclable);
    }

    /** The line of {@code currentTokenLocation()}, at least 1. */
    int tokenLine() {
      return Math.max(1, _currToken == JsonToken.FIELD_NAME ? _nameStartRow : _tokenInputRow);
    }

    /** The column of {@code currentTokenLocation()}, at least 1. */
    int tokenCol() {
      return Math.max(1, _currToken == JsonToken.FIELD_NAME ? _nameStartCol : _tokenInputCol);
    }

    /** The line of {@code currentLocation()}, at least 1. */
    int line() {
      return Math.max(1, _currInputRow);
    }

    /** The column of {@code currentLocation()}, at least 1. */
    int col() {
      return Math.max(1, _inputPtr - _currInputRowStart + 1);
    }
  }

  private static int line(JsonLocation loc) {
    return loc == null ? 1 : Math.max(1, loc.getLineNr());
  }

  private static int col(JsonLocation loc) {
    return loc == null ? 1 : Math.max(1, loc.getColumnNr());
  }

  private static void syntax(Problems problems, JsonLocation loc, String reason) {
    problems.add(Code.E_PARSE_SYNTAX, Prefixer.JSON.prefix(line(loc), col(loc)), reason, line(loc), col(loc));
  }

  private static void invalid(Problems problems, JsonLocation loc, String reason) {
    problems.add(Code.E_PARSE_INVALID_TOKEN, Prefixer.JSON.prefix(line(loc), col(loc)), reason, line(loc), col(loc));
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "malformed input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
