package dev.mpc.dsl.internal;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.internal.JsonMessages;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The YAML front end: snakeyaml-engine's event parser (YAML 1.2, core schema) driving a
 * non-recursive tree builder. Safe by construction: only the standard scalar tags, string keys
 * only, no timestamps, no non-finite numbers, aliases counted against the limits, positions from
 * the parser's marks. Thread-safe (settings are immutable; each parse has its own parser).
 */
public final class YamlFrontend {
  private static final String STR = Tag.STR.getValue();
  private static final String INT = Tag.INT.getValue();
  private static final String FLOAT = Tag.FLOAT.getValue();
  private static final String BOOL = Tag.BOOL.getValue();
  private static final String NULL = Tag.NULL.getValue();
  private static final String MAP = Tag.MAP.getValue();
  private static final String SEQ = Tag.SEQ.getValue();

  /**
   * Settings per alias limit, shared by every front end (they are immutable): building them
   * compiles the schema's scalar patterns, which costs milliseconds in a fresh JVM. Bounded: a
   * limit beyond the first few distinct ones gets settings of its own, uncached.
   */
  private static final java.util.concurrent.ConcurrentHashMap<Integer, LoadSettings> SETTINGS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final ParseLimits limits;
  private volatile LoadSettings settings;

  /** A front end enforcing {@code limits}; its settings are made on its first parse. */
  public YamlFrontend(ParseLimits limits) {
    this.limits = limits;
  }

  private LoadSettings settings() {
    LoadSettings s = settings;
    if (s == null) {
      int aliases = Math.max(1, limits.maxYamlAliases());
      s = SETTINGS.get(aliases);
      if (s == null) {
        s = LoadSettings.builder()
            .setSchema(new CoreSchema())
            .setCodePointLimit(Integer.MAX_VALUE)
            .setAllowDuplicateKeys(true)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(aliases)
            .setUseMarks(true)
            .setParseComments(false)
            .build();
        if (SETTINGS.size() < 16) {
          LoadSettings prev = SETTINGS.putIfAbsent(aliases, s);
          s = prev != null ? prev : s;
        }
      }
      settings = s;
    }
    return s;
  }

  private record Anchored(JsonValue value, long weight) {}

  /** Parses {@code text} into an AST, or returns null with problems recorded. */
  public ManifestAst parse(String text, Problems problems) {
    TreeNormalizer normalizer = new TreeNormalizer(problems, limits, "YAML mapping");
    PositionedTree t = tree(text, problems, normalizer);
    return t == null ? null : normalizer.normalize(t.root());
  }

  /** Parses {@code text} into values with positions, or returns null with problems recorded. */
  public PositionedTree tree(String text, Problems problems) {
    if (!Problems.sizeOk(text, limits, problems)) {
      return null;
    }
    try {
      PositionedTree t = tree(text, problems, null);
      // A stream without a document (empty, or only comments) is YAML's null.
      return t == null || t.root() != null ? t : new PositionedTree(dev.mpc.json.JsonNull.INSTANCE, t.positions());
    } catch (Problems.LimitExceeded stop) {
      return null; // recorded: a limit or a repeated key
    }
  }

  /**
   * As {@link #tree(String, Problems)}; with a {@code normalizer}, positions only where a manifest
   * needs them and the root's definitions normalized as soon as each is read.
   */
  private PositionedTree tree(String text, Problems problems, TreeNormalizer normalizer) {
    TreeBuilder tb = new TreeBuilder(problems, limits, Prefixer.YAML, normalizer != null);
    if (normalizer != null) {
      normalizer.positions(tb.positions());
      tb.streamDefinitions(normalizer);
    }
    if (!noUnicodeBreaks(text, problems)) {
      return null;
    }
    Map<String, Anchored> anchors = new HashMap<>();
    int aliases = 0;
    int documents = 0;
    try {
      // snakeyaml-engine 2.10 counts a CR as a line break only when a character follows it: a
      // final lone CR gets an LF (one CRLF line end, nothing else changes) so that positions
      // after it agree with LF and CRLF text.
      String input = text.endsWith("\r") ? text + "\n" : text;
      LoadSettings settings = settings();
      ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, new PairSafeStringReader(input)));
      while (parser.hasNext()) {
        Event e = parser.next();
        int line = line(e.getStartMark());
        int col = col(e.getStartMark());
        switch (e.getEventId()) {
          case StreamStart, StreamEnd, DocumentEnd, Comment -> { }
          case DocumentStart -> {
            documents++;
            if (documents > 1) {
              problems.add(Code.E_PARSE_SYNTAX, Prefixer.YAML.prefix(line, col),
                  "a manifest is one YAML document, found a second one", line, col);
              return null;
            }
          }
          case MappingStart, SequenceStart -> {
            CollectionStartEvent c = (CollectionStartEvent) e;
            if (tb.expectsKey()) {
              invalid(problems, line, col, "mapping keys must be strings, found a "
                  + (e.getEventId() == Event.ID.MappingStart ? "mapping" : "sequence"));
              return null;
            }
            boolean mapping = e.getEventId() == Event.ID.MappingStart;
            Optional<String> tag = c.getTag();
            if (tag.isPresent() && !tag.get().equals(mapping ? MAP : SEQ) && !tag.get().equals("!")) {
              invalid(problems, line, col, "unsupported tag " + tag.get() + " (only standard YAML types are allowed)");
              return null;
            }
            String anchor = c.getAnchor().map(Anchor::getValue).orElse(null);
            if (mapping) {
              tb.startObject(line, col, anchor);
            } else {
              tb.startArray(line, col, anchor);
            }
          }
          case MappingEnd, SequenceEnd -> {
            JsonValue v = tb.end(line(e.getEndMark()), col(e.getEndMark()));
            if (tb.lastAnchor() != null) {
              anchors.put(tb.lastAnchor(), new Anchored(v, tb.lastWeight()));
            }
          }
          case Alias -> {
            aliases++;
            if (aliases > limits.maxYamlAliases()) {
              problems.add(Code.E_QUOTA_EXCEEDED, Prefixer.YAML.prefix(line, col), "more than "
                  + limits.maxYamlAliases() + " aliases (ParseLimits.maxYamlAliases)", line, col);
              return null;
            }
            String name = ((AliasEvent) e).getAlias().getValue();
            Anchored a = anchors.get(name);
            if (a == null) {
              invalid(problems, line, col, "alias *" + name + " does not refer to a complete anchored value before it");
              return null;
            }
            if (tb.expectsKey()) {
              if (!(a.value() instanceof JsonString s)) {
                invalid(problems, line, col, "mapping keys must be strings, alias *" + name + " is not");
                return null;
              }
              tb.key(s.value(), line, col);
            } else {
              tb.shared(a.value(), a.weight(), line, col, line(e.getEndMark()), col(e.getEndMark()));
            }
          }
          case Scalar -> {
            ScalarEvent s = (ScalarEvent) e;
            JsonValue v = scalar(s, problems, line, col);
            if (v == null) {
              return null;
            }
            if (tb.expectsKey()) {
              if (!(v instanceof JsonString key)) {
                invalid(problems, line, col, "mapping keys must be strings, found "
                    + TreeNormalizer.describe(v) + " (quote the key)");
                return null;
              }
              tb.key(key.value(), line, col);
            } else {
              tb.scalar(v, line, col, line(e.getEndMark()), col(e.getEndMark()));
            }
            s.getAnchor().ifPresent(an -> anchors.put(an.getValue(), new Anchored(v, 1)));
          }
          default -> {
            invalid(problems, line, col, "unexpected YAML event " + e.getEventId());
            return null;
          }
        }
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> m = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
      int line = line(m);
      int col = col(m);
      String problem = own(e.getProblem() == null ? e.getMessage() : e.getProblem());
      problems.add(Code.E_PARSE_SYNTAX, Prefixer.YAML.prefix(line, col), problem, line, col);
      return null;
    } catch (YamlEngineException e) {
      problems.add(Code.E_PARSE_SYNTAX, "Invalid YAML: ", own(e.getMessage()), 1, 1);
      return null;
    } catch (NumberFormatException e) {
      // snakeyaml-engine's scanner parses the hex digits of an x, u or U escape without checking
      // that they are there: a double-quoted scalar cut off after the escape letter throws this
      problems.add(Code.E_PARSE_SYNTAX, "Invalid YAML: ",
          "incomplete escape sequence in a double-quoted scalar (a backslash-x, -u or -U escape needs its hex digits)", 1, 1);
      return null;
    }
    return new PositionedTree(tb.root(), tb.positions());
  }

  /**
   * Refuses raw U+0085, U+2028 and U+2029 (see {@link LineEnds}): YAML 1.2 reads them as ordinary
   * characters, so text an editor shows on a line of its own after one of them would still be
   * inside a comment (hidden) or a scalar. Lines count CR, LF and CRLF; columns code points.
   */
  private static boolean noUnicodeBreaks(String text, Problems problems) {
    int line = 1;
    int col = 1;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (LineEnds.isUnicodeBreak(c)) {
        invalid(problems, line, col, LineEnds.name(c) + " is not allowed raw: editors may show it as a line"
            + " break, YAML does not (in a double-quoted string write \\u" + String.format("%04x", (int) c) + ")");
        return false;
      }
      if (c == '\n' || c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n')) {
        line++;
        col = 1;
      } else if (!Character.isLowSurrogate(c)) {
        col++;
      }
    }
    return true;
  }

  private JsonValue scalar(ScalarEvent s, Problems problems, int line, int col) {
    String value = s.getValue();
    String tag;
    Optional<String> explicit = s.getTag();
    if (explicit.isPresent() && !explicit.get().equals("!")) {
      tag = explicit.get();
    } else if (s.isPlain() && explicit.isEmpty()) {
      tag = settings().getSchema().getScalarResolver().resolve(value, true).getValue();
    } else {
      tag = STR;
    }
    if (tag.equals(STR)) {
      if (JsonString.firstUnpairedSurrogate(value) >= 0) {
        invalid(problems, line, col, "unpaired surrogate in string");
        return null;
      }
      return JsonString.of(value);
    }
    if (tag.equals(NULL)) {
      return JsonNull.INSTANCE;
    }
    if (tag.equals(BOOL)) {
      String v = value.toLowerCase(java.util.Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return JsonBool.of(v.equals("true"));
      }
      invalid(problems, line, col, "'" + JsonFrontend.abbreviate(value) + "' is not a boolean");
      return null;
    }
    if (tag.equals(INT) || tag.equals(FLOAT)) {
      if (value.length() > JsonFrontend.MAX_NUMBER_LENGTH) {
        invalid(problems, line, col, JsonFrontend.tooLongNumber(value.length()));
        return null;
      }
      try {
        return tag.equals(INT) ? JsonInt.of(parseInt(value)) : parseFloat(value, problems, line, col);
      } catch (NumberFormatException ex) {
        invalid(problems, line, col, "'" + JsonFrontend.abbreviate(value) + "' is not a valid "
            + (tag.equals(INT) ? "integer" : "number"));
        return null;
      }
    }
    if (tag.equals(Tag.MERGE.getValue())) {
      invalid(problems, line, col, "merge keys (<<) are not supported");
      return null;
    }
    invalid(problems, line, col, "unsupported tag " + tag + " (only str, int, float, bool and null are allowed)");
    return null;
  }

  private static BigInteger parseInt(String text) {
    String t = text;
    boolean negative = false;
    if (t.startsWith("-") || t.startsWith("+")) {
      negative = t.charAt(0) == '-';
      t = t.substring(1);
    }
    int radix = 10;
    if (t.startsWith("0o")) {
      radix = 8;
      t = t.substring(2);
    } else if (t.startsWith("0x")) {
      radix = 16;
      t = t.substring(2);
    }
    if (t.isEmpty() || t.startsWith("-") || t.startsWith("+")) {
      throw new NumberFormatException(text);
    }
    BigInteger v = new BigInteger(t, radix);
    return negative ? v.negate() : v;
  }

  private static JsonValue parseFloat(String text, Problems problems, int line, int col) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".inf") || lower.endsWith(".nan") || lower.contains("infinity") || lower.contains("nan")) {
      invalid(problems, line, col, "non-finite number '" + text + "' is not allowed");
      return null;
    }
    double d = Double.parseDouble(text);
    if (!Double.isFinite(d)) {
      invalid(problems, line, col, "number " + JsonFrontend.abbreviate(text) + " is out of double range");
      return null;
    }
    return new JsonFloat(d);
  }

  /** The library's {@code message} (first line) unless it names library internals. */
  private static String own(String message) {
    String m = JsonFrontend.firstLine(message);
    return JsonMessages.isOwn(m) ? m : "malformed YAML";
  }

  private static void invalid(Problems problems, int line, int col, String text) {
    problems.add(Code.E_PARSE_INVALID_TOKEN, Prefixer.YAML.prefix(line, col), text, line, col);
  }

  private static int line(Optional<Mark> m) {
    return m.map(x -> x.getLine() + 1).orElse(1);
  }

  private static int col(Optional<Mark> m) {
    return m.map(x -> x.getColumn() + 1).orElse(1);
  }
}
