package dev.mpc.dsl.internal;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the JSON/YAML document tree into the AST (pipeline spec §5.2, with the type checks of
 * §18 item 9). Collects every problem it finds rather than stopping at the first. As a
 * {@link TreeBuilder.DefinitionSink} it normalizes the root's definitions while the document is
 * still being read, holding their problems back until {@link #normalize} reports them after the
 * root's own, in document order. Not thread-safe: one instance per parse.
 */
final class TreeNormalizer implements TreeBuilder.DefinitionSink {
  /**
   * One definition of the root's {@code defs} array normalized while reading: its node (null if
   * it has problems or normalizing stopped) and its problems, {@code scratch} entries
   * {@code from} (inclusive) to {@code to}; {@code limit}: it ended with the node limit.
   */
  private record Streamed(AstNode node, int from, int to, boolean limit) {}

  private final Problems target;
  private final ParseLimits limits;
  private final String rootWord;
  private Problems problems;
  private Map<JsonObject, TreeBuilder.ObjectInfo> positions;
  private int nodes;
  // Streaming state (see TreeBuilder.DefinitionSink): problems go to scratch first, because they
  // count only if the whole document reads and they must follow the root's own problems.
  private Problems scratch;
  private List<Streamed> streamed;
  private JsonArray streamedArray;
  private boolean stopped;
  private boolean removing;

  /**
   * A normalizer.
   *
   * @param rootWord {@code JSON object} or {@code YAML mapping}, for the root error message
   */
  public TreeNormalizer(Problems problems, ParseLimits limits, String rootWord) {
    this.target = problems;
    this.problems = problems;
    this.limits = limits;
    this.rootWord = rootWord;
  }

  /** The positions the tree builder records (read, and dropped once used, while streaming). */
  void positions(Map<JsonObject, TreeBuilder.ObjectInfo> positions) {
    this.positions = positions;
  }

  @Override
  public void startDefinitions() {
    nodes = 0;
    scratch = target.fork();
    streamed = new ArrayList<>();
    streamedArray = null;
    stopped = false;
  }

  @Override
  public JsonValue definition(JsonObject o, int index, boolean removable) {
    if (stopped) {
      return o;
    }
    while (streamed.size() < index) {
      streamed.add(null);
    }
    int from = scratch.size();
    AstNode n = null;
    boolean limit = false;
    problems = scratch;
    removing = removable;
    try {
      n = node(o);
    } catch (Problems.TooManyProblems stop) {
      stopped = true;
    } catch (Problems.LimitExceeded stop) {
      stopped = true;
      limit = true;
    } finally {
      problems = target;
      removing = false;
    }
    streamed.add(new Streamed(n, from, scratch.size(), limit));
    return JsonNull.INSTANCE;
  }

  @Override
  public void unstreamed() {
    stopped = true;
  }

  @Override
  public void endDefinitions(JsonArray defs) {
    streamedArray = defs;
  }

  /** The AST of {@code root}, or null if problems were recorded. */
  public ManifestAst normalize(JsonValue root) {
    if (!(root instanceof JsonObject doc)) {
      problems.add(Code.E_PARSE_SYNTAX, "", "Manifest root must be a " + rootWord, 1, 1);
      return null;
    }
    TreeBuilder.ObjectInfo info = positions.get(doc);
    if (streamedArray == null || doc.getOrNull("defs") != streamedArray) {
      nodes = 0;
      streamedArray = null;
    }
    long schemaVersion = ManifestAst.DEFAULT_SCHEMA_VERSION;
    JsonValue sv = doc.getOrNull("schemaVersion");
    if (sv != null) {
      if (sv instanceof JsonInt i && i.fitsLong() && i.longValueExact() >= 0) {
        schemaVersion = i.longValueExact();
      } else {
        error(Code.E_PARSE_INVALID_TOKEN, "'schemaVersion' must be a non-negative integer, found " + describe(sv),
            member(info, "schemaVersion"));
      }
    }
    String namespace = rootString(doc, info, "namespace", "");
    String name = rootString(doc, info, "name", "");
    String version = rootString(doc, info, "manifestVersion", ManifestAst.DEFAULT_MANIFEST_VERSION);
    List<AstNode> defs = nodes(doc, info, "defs");
    if (problems.any()) {
      return null;
    }
    return new ManifestAst(schemaVersion, namespace, name, version, defs);
  }

  private String rootString(JsonObject doc, TreeBuilder.ObjectInfo info, String key, String fallback) {
    JsonValue v = doc.getOrNull(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    error(Code.E_PARSE_INVALID_TOKEN, "'" + key + "' must be a string, found " + describe(v)
        + (v.type() == dev.mpc.json.JsonType.FLOAT || v.type() == dev.mpc.json.JsonType.INT ? " (quote it)" : ""),
        member(info, key));
    return fallback;
  }

  private List<AstNode> nodes(JsonObject owner, TreeBuilder.ObjectInfo info, String key) {
    JsonValue v = owner.getOrNull(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray arr)) {
      error(Code.E_PARSE_INVALID_TOKEN, "'" + key + "' must be an array of definition objects, found " + describe(v),
          member(info, key));
      return List.of();
    }
    boolean fromStream = arr == streamedArray && streamedArray != null;
    List<AstNode> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      Streamed st = fromStream && i < streamed.size() ? streamed.get(i) : null;
      if (st != null) {
        for (int d = st.from(); d < st.to(); d++) {
          problems.add(scratch.get(d));
        }
        if (st.limit()) {
          throw new Problems.LimitExceeded();
        }
        if (st.node() != null) {
          out.add(st.node());
        }
        continue;
      }
      JsonValue item = arr.get(i);
      if (item instanceof JsonObject o && !o.isEmpty()) {
        AstNode n = node(o);
        if (n != null) {
          out.add(n);
        }
      } else if (item instanceof JsonObject) {
        error(Code.E_PARSE_MISSING_REQUIRED, "Node must have a non-empty 'kind' field", member(info, key));
      } else {
        error(Code.E_PARSE_INVALID_TOKEN, "'" + key + "' entry " + i + " must be a definition object, found "
            + describe(item), member(info, key));
      }
    }
    return out;
  }

  private AstNode node(JsonObject o) {
    TreeBuilder.ObjectInfo info = removing ? positions.remove(o) : positions.get(o);
    SourceMap where = info == null ? problems.at(1, 1) : info.region();
    nodes++;
    if (nodes > limits.maxManifestNodes()) {
      error(Code.E_QUOTA_EXCEEDED, "the manifest has more than " + limits.maxManifestNodes()
          + " definitions (ParseLimits.maxManifestNodes)", where);
      throw new Problems.LimitExceeded();
    }
    String kind = requiredString(o, info, "kind", "Node must have a non-empty 'kind' field", where);
    String id = requiredString(o, info, "id",
        "Node of kind '" + (kind == null ? "" : kind) + "' must have a non-empty 'id' field", where);
    Optional<String> name = Optional.empty();
    JsonValue nv = o.getOrNull("name");
    if (nv instanceof JsonString s) {
      name = Optional.of(s.value());
    } else if (nv != null && !(nv instanceof JsonNull)) {
      error(Code.E_PARSE_INVALID_TOKEN, "a definition's 'name' must be a string or null, found " + describe(nv),
          member(info, "name"));
    }
    SourceMap source = where;
    JsonValue src = o.getOrNull("source");
    if (src instanceof JsonObject so) {
      source = explicitSource(so, member(info, "source"), where);
    }
    JsonObject.Builder props = JsonObject.builder();
    LinkedHashMap<String, SourceMap> propSources = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      String k = e.getKey();
      if (AstNode.RESERVED_KEYS.contains(k) && !(k.equals("source") && !(e.getValue() instanceof JsonObject))) {
        continue;
      }
      props.put(k, e.getValue());
      SourceMap ps = info == null ? null : info.members().get(k);
      if (ps != null) {
        propSources.put(k, ps);
      }
      if (e.getValue() instanceof dev.mpc.json.JsonArray list) {
        // where each object of the list is, and its members: a transition, its guard
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof JsonObject item) {
            TreeBuilder.ObjectInfo ii = removing ? positions.remove(item) : positions.get(item);
            if (ii != null) {
              String at = k + "/" + i;
              propSources.putIfAbsent(at, ii.region());
              ii.members().forEach((m, where2) -> propSources.putIfAbsent(at + "/" + m, where2));
            }
          }
        }
      }
    }
    List<AstNode> children = nodes(o, info, "children");
    if (kind == null || id == null) {
      return null;
    }
    return new AstNode(kind, id, name, props.build(), propSources, children, Optional.of(source));
  }

  private String requiredString(JsonObject o, TreeBuilder.ObjectInfo info, String key, String missing, SourceMap where) {
    JsonValue v = o.getOrNull(key);
    if (v == null || v instanceof JsonNull || (v instanceof JsonString s && s.value().isEmpty())) {
      error(Code.E_PARSE_MISSING_REQUIRED, missing, v == null ? where : member(info, key));
      return null;
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    error(Code.E_PARSE_INVALID_TOKEN, "a definition's '" + key + "' must be a string, found " + describe(v),
        member(info, key));
    return null;
  }

  private SourceMap explicitSource(JsonObject so, SourceMap at, SourceMap fallback) {
    JsonValue line = so.getOrNull("line");
    JsonValue col = so.getOrNull("col");
    JsonValue file = so.getOrNull("file");
    if (line instanceof JsonInt l && col instanceof JsonInt c && positiveInt(l) && positiveInt(c)
        && (file == null || file instanceof JsonNull || file instanceof JsonString)) {
      Optional<String> f = file instanceof JsonString fs ? Optional.of(fs.value()) : Optional.empty();
      return new SourceMap(f, (int) l.longValueExact(), (int) c.longValueExact(), Optional.empty());
    }
    error(Code.E_PARSE_INVALID_TOKEN,
        "'source' must be a source map object {\"file\": string?, \"line\": int >= 1, \"col\": int >= 1}", at);
    return fallback;
  }

  private static boolean positiveInt(JsonInt i) {
    return i.fitsLong() && i.longValueExact() >= 1 && i.longValueExact() <= Integer.MAX_VALUE;
  }

  private SourceMap member(TreeBuilder.ObjectInfo info, String key) {
    if (info == null) {
      return problems.at(1, 1);
    }
    SourceMap s = info.members().get(key);
    return s != null ? s : info.region();
  }

  private void error(Code code, String text, SourceMap at) {
    problems.add(dev.mpc.diag.Diagnostic.of(code,
        text + " (line " + at.line() + ", col " + at.col() + ")", at));
  }

  static String describe(JsonValue v) {
    return switch (v.type()) {
      case NULL -> "null";
      case BOOL -> "boolean " + v;
      case INT, FLOAT -> "number " + v;
      case STRING -> "string";
      case ARRAY -> "array";
      case OBJECT -> "object";
    };
  }
}
