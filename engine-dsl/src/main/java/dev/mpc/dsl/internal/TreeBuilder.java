package dev.mpc.dsl.internal;

import dev.mpc.diag.Code;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link JsonValue} tree from reader events without recursion, remembering where every
 * non-empty object and each of its members came from, and enforcing the depth and value-count
 * limits. Used by the JSON and YAML front ends. Not thread-safe: one instance per parse.
 */
public final class TreeBuilder {
  /**
   * Where an object and its members came from.
   *
   * @param region the object's region
   * @param members each member's region (key start to value end)
   */
  public record ObjectInfo(SourceMap region, Map<String, SourceMap> members) {}

  /**
   * Receives each definition of the root's {@code defs} array as soon as it is complete, so that
   * it can be turned into AST while the rest is read.
   */
  public interface DefinitionSink {
    /** A root {@code defs} array starts. */
    void startDefinitions();

    /**
     * The complete, non-empty, unanchored definition object at {@code index}; {@code removable}:
     * no anchor inside it, so nothing can refer to it or its parts again. Returns the value to keep
     * in the array in its place.
     */
    JsonValue definition(JsonObject o, int index, boolean removable);

    /**
     * A non-empty object was put into the array without {@link #definition} (anchored or an
     * alias): definitions from here on must be normalized in order at the end.
     */
    void unstreamed();

    /** The root {@code defs} array is complete. */
    void endDefinitions(JsonArray defs);
  }

  private static final class Frame {
    final boolean object;
    final JsonObject.Builder members;
    final Map<String, SourceMap> memberSources;
    final List<JsonValue> items;
    final int line;
    final int col;
    final String anchor;
    /** Whether this object's positions are kept (always for objects unless manifest-only). */
    final boolean positioned;
    /** Whether this array holds definitions ({@code defs} or {@code children} of a positioned object). */
    final boolean definitions;
    /** Whether this is the root's {@code defs} array, its definitions going to the sink. */
    final boolean streamed;
    /** Anchors seen before this container started. */
    final int anchorsAtStart;
    /** Whether this array is a list property of a definition (its objects keep positions). */
    boolean propertyList;
    /** Whether this object is a definition (an item of {@code defs} or {@code children}). */
    boolean definitionObject;
    String key;
    int keyLine;
    int keyCol;
    long weight = 1;

    Frame(boolean object, int line, int col, String anchor, boolean positioned, boolean definitions,
        boolean streamed, int anchorsAtStart) {
      this.object = object;
      this.streamed = streamed;
      this.anchorsAtStart = anchorsAtStart;
      this.positioned = positioned;
      this.definitions = definitions;
      this.members = object ? JsonObject.builder() : null;
      this.memberSources = positioned ? new HashMap<>() : null;
      this.items = object ? null : new ArrayList<>();
      this.line = line;
      this.col = col;
      this.anchor = anchor;
    }
  }

  private final IdentityHashMap<JsonObject, ObjectInfo> positions = new IdentityHashMap<>();
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final Problems problems;
  private final ParseLimits limits;
  private final Prefixer prefixer;
  private final boolean manifestOnly;
  private DefinitionSink sink;
  private int anchors;
  private long values;
  private JsonValue root;
  private long lastWeight;
  private String lastAnchor;

  /** A builder reporting to {@code problems} that keeps the positions of every object. */
  public TreeBuilder(Problems problems, ParseLimits limits, Prefixer prefixer) {
    this(problems, limits, prefixer, false);
  }

  /**
   * A builder reporting to {@code problems}. With {@code manifestOnly}, positions are kept only for
   * the objects a manifest's normalizer asks about: the root, the objects in the {@code defs} or
   * {@code children} arrays of such objects, and anchored values with their items (an alias can
   * put them anywhere); property values need none.
   */
  public TreeBuilder(Problems problems, ParseLimits limits, Prefixer prefixer, boolean manifestOnly) {
    this.problems = problems;
    this.limits = limits;
    this.prefixer = prefixer;
    this.manifestOnly = manifestOnly;
  }

  /** Sends the definitions of the root's {@code defs} array to {@code sink} as they complete. */
  public void streamDefinitions(DefinitionSink sink) {
    this.sink = sink;
  }

  /** Starts an object at {@code line}/{@code col}; {@code anchor} may be null. */
  public void startObject(int line, int col, String anchor) {
    start(true, line, col, anchor);
  }

  /** Starts an array at {@code line}/{@code col}; {@code anchor} may be null. */
  public void startArray(int line, int col, String anchor) {
    start(false, line, col, anchor);
  }

  private void start(boolean object, int line, int col, String anchor) {
    if (stack.size() >= limits.maxDepth()) {
      limit(line, col, "nesting is deeper than the limit of " + limits.maxDepth()
          + " levels (ParseLimits.maxDepth)");
    }
    count(1, line, col);
    Frame parent = stack.peek();
    // An anchored (YAML) value can be aliased anywhere, so it is treated like a definition.
    boolean positioned = object && (!manifestOnly || parent == null || parent.definitions || parent.propertyList
        || anchor != null);
    boolean definitions = !object && (anchor != null || parent != null && parent.positioned && parent.object
        && ("defs".equals(parent.key) || "children".equals(parent.key)));
    // a list property of a definition: its objects (transitions, states, intents) keep their
    // positions, so a diagnostic about one points at it
    boolean propertyList = !object && !definitions && parent != null && parent.definitionObject;
    boolean definitionObject = object && parent != null && parent.definitions;
    boolean streamed = sink != null && !object && anchor == null && stack.size() == 1 && parent.object
        && "defs".equals(parent.key);
    if (streamed) {
      sink.startDefinitions();
    }
    Frame frame = new Frame(object, line, col, anchor, positioned, definitions, streamed, anchors);
    frame.propertyList = propertyList;
    frame.definitionObject = definitionObject;
    stack.push(frame);
    if (anchor != null) {
      anchors++;
    }
  }

  /** Whether the innermost container is an object waiting for a key. */
  public boolean expectsKey() {
    Frame f = stack.peek();
    return f != null && f.object && f.key == null;
  }

  /** The depth of the innermost open container (0 at top level). */
  public int depth() {
    return stack.size();
  }

  /**
   * Sets the key of the next member of the innermost object. A key the object already has is
   * refused ({@code E_PARSE_INVALID_TOKEN}, parsing stops): readers that keep the first member and
   * readers that keep the last would otherwise see different documents.
   *
   * @throws Problems.LimitExceeded after recording a repeated key
   */
  public void key(String key, int line, int col) {
    Frame f = stack.peek();
    if (f.members.has(key)) {
      SourceMap first = f.positioned ? f.memberSources.get(key) : null;
      problems.add(Code.E_PARSE_INVALID_TOKEN, prefixer.prefix(line, col), "duplicate key " + quoteKey(key)
          + (first == null ? "" : " (first at line " + first.line() + ", col " + first.col() + ")")
          + "; a key may appear only once in " + (prefixer == Prefixer.YAML ? "a mapping" : "an object"), line, col);
      throw new Problems.LimitExceeded();
    }
    f.key = key;
    f.keyLine = line;
    f.keyCol = col;
  }

  /** {@code key} in single quotes for a message, abbreviated past 40 chars. */
  static String quoteKey(String key) {
    return "'" + JsonFrontend.abbreviate(key) + "'";
  }

  /** Adds a scalar that spans from {@code line}/{@code col} to {@code endLine}/{@code endCol}. */
  public void scalar(JsonValue v, int line, int col, int endLine, int endCol) {
    count(1, line, col);
    add(v, 1, line, col, endLine, endCol);
  }

  /** Adds an already built value counting as {@code weight} values (a YAML alias). */
  public void shared(JsonValue v, long weight, int line, int col, int endLine, int endCol) {
    count(weight, line, col);
    add(v, weight, line, col, endLine, endCol);
  }

  /** Ends the innermost container at {@code endLine}/{@code endCol} (exclusive) and returns it. */
  public JsonValue end(int endLine, int endCol) {
    Frame f = stack.pop();
    JsonValue v;
    if (f.object) {
      JsonObject o = f.members.build();
      if (f.positioned && !o.isEmpty()) {
        positions.put(o, new ObjectInfo(problems.region(f.line, f.col, endLine, endCol), f.memberSources));
      }
      v = o;
      Frame parent = stack.peek();
      if (parent != null && parent.streamed && f.anchor == null && !o.isEmpty()) {
        JsonValue kept = sink.definition(o, parent.items.size(), anchors == f.anchorsAtStart);
        lastWeight = f.weight;
        lastAnchor = null;
        add(kept, f.weight, f.line, f.col, endLine, endCol);
        return v;
      }
    } else {
      JsonArray a = JsonArray.of(f.items);
      if (f.streamed) {
        sink.endDefinitions(a);
      }
      v = a;
    }
    lastWeight = f.weight;
    lastAnchor = f.anchor;
    add(v, f.weight, f.line, f.col, endLine, endCol);
    return v;
  }

  /** The weight (value count) of the container {@link #end} returned last. */
  public long lastWeight() {
    return lastWeight;
  }

  /** The anchor of the container {@link #end} returned last, or null. */
  public String lastAnchor() {
    return lastAnchor;
  }

  private void add(JsonValue v, long weight, int line, int col, int endLine, int endCol) {
    Frame parent = stack.peek();
    if (parent == null) {
      root = v;
      return;
    }
    parent.weight += weight;
    if (parent.streamed && v instanceof JsonObject o && !o.isEmpty()) {
      sink.unstreamed();
    }
    if (parent.object) {
      parent.members.put(parent.key, v);
      if (parent.positioned) {
        parent.memberSources.put(parent.key, problems.region(parent.keyLine, parent.keyCol, endLine, endCol));
      }
      parent.key = null;
    } else {
      parent.items.add(v);
    }
  }

  private void count(long n, int line, int col) {
    values += n;
    if (values > limits.maxValues()) {
      limit(line, col, "the manifest has more than " + limits.maxValues()
          + " values (ParseLimits.maxValues; YAML aliases count as the values they repeat)");
    }
  }

  private void limit(int line, int col, String text) {
    problems.add(Code.E_QUOTA_EXCEEDED, prefixer.prefix(line, col), text, line, col);
    throw new Problems.LimitExceeded();
  }

  /** Whether the top-level value is complete. */
  public boolean done() {
    return root != null && stack.isEmpty();
  }

  /** The top-level value, or null if none was completed. */
  public JsonValue root() {
    return root;
  }

  /** Where each non-empty object came from. */
  public Map<JsonObject, ObjectInfo> positions() {
    return positions;
  }
}
