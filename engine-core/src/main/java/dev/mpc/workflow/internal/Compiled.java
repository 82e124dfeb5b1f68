package dev.mpc.workflow.internal;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.EnvelopeTypes;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.Limits;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.workflow.ActionView;
import dev.mpc.workflow.HistoryMode;
import dev.mpc.workflow.StateKind;
import dev.mpc.workflow.StateView;
import dev.mpc.workflow.TransitionType;
import dev.mpc.workflow.TransitionView;
import dev.mpc.workflow.WorkflowModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled workflow: states interned to ints (index 0 is the implicit root, declared states
 * follow in declaration order), transitions indexed by source state and event, guard and target
 * expressions compiled, action templates checked against the intent taxonomy. Built once per
 * (artifact, workflow) by {@link Runtime}; immutable and thread-safe (the configuration intern
 * table is a concurrent map).
 */
final class Compiled {
  static final int ROOT = 0;
  /** The placeholders an action template may use. */
  static final Set<String> PLACEHOLDERS = ActionView.PLACEHOLDERS;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final int INTERN_LIMIT = 4096;

  final String id;
  final String hash;
  final WorkflowModel view;
  final String[] names;
  final Map<String, Integer> index;
  final int[] parent;
  final int[][] children;
  final int[] initialChild;
  final StateKind[] kinds;
  final HistoryMode[] history;
  final int[] depth;
  final Action[][] onEnter;
  final Action[][] onLeave;
  final Trans[] transitions;
  final Map<String, Trans> byId;
  /** Per state, the untimed transitions declared on it by event, each list in declaration order. */
  final List<Map<String, Trans[]>> byEvent;
  /** Per state, its timed transitions in declaration order. */
  final Trans[][] timed;
  final Set<String> ignored;
  final int initial;
  /** A compiled transition. */
  static final class Trans {
    int index;
    String id;
    int from;
    int to = -1;
    String event;
    TransitionType type;
    CompiledExpression guard;
    CompiledExpression target;
    String named;
    String[] roles;
    boolean auth;
    long timeoutMs = -1;
    Action[] actions;
    TransitionView view;
    /** The reasons of its checks, shared by every fire (deterministic per transition). */
    Reason pass;
    Reason guardFail;
    Reason rolesFail;
    Reason authFail;
    Diagnostic guardFailError;
    Diagnostic rolesFailError;
    Diagnostic authFailError;
    /** Its step when the target is fixed (shared by every record), and the list of it alone. */
    dev.mpc.workflow.TransitionRecord.Step step;
    List<dev.mpc.workflow.TransitionRecord.Step> stepList;
    /** {@code List.of(pass)}: the reasons of a fire that took this transition alone. */
    List<Reason> passList;

    private Reason reason(Code code, String summary) {
      return new Reason(code, Optional.of(summary), Optional.of(id), JsonObject.EMPTY);
    }

    void shared(String[] names) {
      pass = reason(Code.R_WF_GUARD_PASS, "Guard passed for '" + event + "'");
      guardFail = reason(Code.R_WF_GUARD_FAIL, "Guard failed for '" + event + "'");
      rolesFail = reason(Code.R_WF_AUTH_DENIED, "Actor lacks required roles for '" + event + "'");
      authFail = reason(Code.R_WF_AUTH_DENIED, "Auth denied for '" + event + "'");
      JsonObject details = JsonObject.builder().put("transition", id).build();
      guardFailError = Diagnostic.of(Code.E_WF_GUARD_FAIL, guardFail.summary().orElseThrow()).withDetails(details);
      rolesFailError = Diagnostic.of(Code.E_WF_AUTH_DENIED, rolesFail.summary().orElseThrow()).withDetails(details);
      authFailError = Diagnostic.of(Code.E_WF_AUTH_DENIED, authFail.summary().orElseThrow()).withDetails(details);
      passList = List.of(pass);
      if (to >= 0) {
        step = new dev.mpc.workflow.TransitionRecord.Step(id, names[to]);
        stepList = List.of(step);
      }
    }
  }

  /** A template rendered as is (no placeholder). */
  static final int LITERAL = 0;
  /** A template that is exactly {@code ${instance.id}}. */
  static final int INSTANCE_ID = 1;
  /** Any other template: rendered with the placeholder regex. */
  static final int GENERAL = 2;

  /**
   * A compiled action: an intent template, with the forms of its target and key templates
   * ({@link #LITERAL}, {@link #INSTANCE_ID}, {@link #GENERAL}) and whether any params string holds a
   * placeholder, all known at compile time.
   */
  record Action(IntentKind kind, String target, JsonObject params, String key, ActionView view, int targetForm,
      int keyForm, boolean paramsRendered) {
    Action(IntentKind kind, String target, JsonObject params, String key, ActionView view) {
      this(kind, target, params, key, view, form(target), form(key), rendered(params));
    }
  }

  /** The form of a template (null: literal). */
  static int form(String text) {
    if (text == null || text.indexOf("${") < 0) {
      return LITERAL;
    }
    return text.equals("${instance.id}") ? INSTANCE_ID : GENERAL;
  }

  /** Whether a string in {@code v} (at any depth) holds a placeholder. */
  static boolean rendered(JsonValue v) {
    if (v instanceof JsonString s) {
      return s.value().contains("${");
    }
    if (v instanceof JsonObject o) {
      for (JsonValue x : o.members().values()) {
        if (rendered(x)) {
          return true;
        }
      }
    } else if (v instanceof JsonArray a) {
      for (JsonValue x : a.items()) {
        if (rendered(x)) {
          return true;
        }
      }
    }
    return false;
  }

  private Compiled(Parser p) {
    this.id = p.id;
    this.hash = p.hash;
    int n = p.names.size();
    this.names = p.names.toArray(String[]::new);
    this.index = Collections.unmodifiableMap(p.index);
    this.parent = p.parent;
    this.children = p.children;
    this.initialChild = p.initialChild;
    this.kinds = p.kinds;
    this.history = p.history;
    this.depth = p.depth;
    this.onEnter = p.onEnter;
    this.onLeave = p.onLeave;
    this.transitions = p.trans.toArray(Trans[]::new);
    Map<String, Trans> ids = new HashMap<>();
    List<Map<String, List<Trans>>> ev = new ArrayList<>();
    List<List<Trans>> tm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ev.add(new HashMap<>());
      tm.add(new ArrayList<>());
    }
    for (Trans t : transitions) {
      ids.put(t.id, t);
      if (t.timeoutMs >= 0) {
        tm.get(t.from).add(t);
      } else {
        ev.get(t.from).computeIfAbsent(t.event, k -> new ArrayList<>()).add(t);
      }
    }
    this.byId = Collections.unmodifiableMap(ids);
    List<Map<String, Trans[]>> frozen = new ArrayList<>(n);
    this.timed = new Trans[n][];
    for (int i = 0; i < n; i++) {
      Map<String, Trans[]> m = new HashMap<>();
      ev.get(i).forEach((k, v) -> m.put(k, v.toArray(Trans[]::new)));
      frozen.add(m.isEmpty() ? Map.of() : Collections.unmodifiableMap(m));
      timed[i] = tm.get(i).toArray(Trans[]::new);
    }
    this.byEvent = Collections.unmodifiableList(frozen);
    this.ignored = Collections.unmodifiableSet(p.ignored);
    this.initial = p.initial;
    this.view = p.view(this);
    for (Trans t : transitions) {
      t.shared(names);
    }
  }

  /** The number of states, root included. */
  int size() {
    return names.length;
  }

  /** Whether {@code s} is {@code a} or a descendant of it. */
  boolean within(int s, int a) {
    for (int x = s; x >= 0; x = parent[x]) {
      if (x == a) {
        return true;
      }
    }
    return false;
  }

  /**
   * An active configuration, interned per compiled workflow (up to a bound): its bits (root
   * included; never mutated), its names in declaration order (the list instances carry, shared by
   * every instance in it), its active leaves, and the execution plans of the transitions taken
   * from it (see {@link Plan}).
   */
  static final class Config {
    final Compiled workflow;
    final BitSet bits;
    final List<String> names;
    final int[] leaves;
    final boolean interned;
    /** Per transition taken from here: its plan, or {@link Plan#NONE} when it has none. */
    final ConcurrentHashMap<Trans, Plan> plans;
    /** Per event: its {@link Fast} form from here, or {@link Fast#NONE}. */
    final ConcurrentHashMap<String, Fast> fast;

    Config(Compiled workflow, BitSet bits, String[] names, int[] leaves, boolean interned) {
      this.workflow = workflow;
      this.bits = bits;
      this.names = new StateList(names, this);
      this.leaves = leaves;
      this.interned = interned;
      this.plans = interned ? new ConcurrentHashMap<>() : null;
      this.fast = interned ? new ConcurrentHashMap<>() : null;
    }
  }

  /**
   * What taking a transition with a fixed target from one configuration does, when that depends on
   * nothing but the two (no state exited or entered has history or timers): the states it exits
   * (innermost first) and enters (outermost first), and the configuration it leads to. A fire
   * replays it instead of recomputing the exit and entry sets.
   */
  static final class Plan {
    static final Plan NONE = new Plan(new int[0], new int[0], null);
    final int[] exits;
    final int[] entries;
    final Config result;

    Plan(int[] exits, int[] entries, Config result) {
      this.exits = exits;
      this.entries = entries;
      this.result = result;
    }
  }

  /** The transitions' prebuilt errors, redacted once (see {@link #redactShared}): identity set. */
  private final Set<Diagnostic> redacted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /**
   * Redacts the transitions' prebuilt errors once with the runtime's redactor, before the compiled
   * form is published: a fire that reports one of them skips the redactor ({@link #preRedacted}).
   */
  void redactShared(dev.mpc.redact.Redactor r) {
    for (Trans t : transitions) {
      t.guardFailError = r.redact(t.guardFailError);
      t.rolesFailError = r.redact(t.rolesFailError);
      t.authFailError = r.redact(t.authFailError);
      redacted.add(t.guardFailError);
      redacted.add(t.rolesFailError);
      redacted.add(t.authFailError);
    }
  }

  /** Whether {@code d} is one of the prebuilt errors, already redacted. */
  boolean preRedacted(Diagnostic d) {
    return redacted.contains(d);
  }

  /**
   * An event whose fire from one configuration (a single active leaf) takes the first candidate
   * transition whenever the actor has one of its roles, and needs nothing else: no guard, no port,
   * a fixed target, a {@link Plan}, actions with no placeholder to render. Such a fire runs
   * without the general step (see {@code Runtime.fast}); any other outcome (the role check
   * fails) goes to the general step, which reports it.
   */
  static final class Fast {
    static final Fast NONE = new Fast(null, new Action[0], null);
    final Trans transition;
    /** The actions in execution order: exits' on_leave, the transition's, entries' on_enter. */
    final Action[] actions;
    final Config result;

    Fast(Trans transition, Action[] actions, Config result) {
      this.transition = transition;
      this.actions = actions;
      this.result = result;
    }
  }

  private final ConcurrentHashMap<BitSet, Config> byBits = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<List<String>, Config> byNames = new ConcurrentHashMap<>();

  /** The configuration {@code cfg} (root included; not kept: copied), interned while under the bound. */
  Config config(BitSet cfg) {
    Config known = byBits.get(cfg);
    if (known != null) {
      return known;
    }
    BitSet bits = (BitSet) cfg.clone();
    bits.set(ROOT);
    String[] out = new String[bits.cardinality() - 1];
    int[] leaves = new int[bits.cardinality()];
    int n = 0;
    int k0 = 0;
    for (int i = bits.nextSetBit(1); i >= 0; i = bits.nextSetBit(i + 1)) {
      out[k0++] = names[i];
      boolean leaf = true;
      for (int k : children[i]) {
        if (bits.get(k)) {
          leaf = false;
          break;
        }
      }
      if (leaf) {
        leaves[n++] = i;
      }
    }
    if (n == 0) {
      leaves[n++] = ROOT;
    }
    leaves = java.util.Arrays.copyOf(leaves, n);
    if (byBits.size() >= INTERN_LIMIT) {
      return new Config(this, bits, out, leaves, false);
    }
    Config fresh = new Config(this, bits, out, leaves, true);
    Config prev = byBits.putIfAbsent(bits, fresh);
    if (prev != null) {
      return prev;
    }
    byNames.putIfAbsent(fresh.names, fresh);
    return fresh;
  }

  /** The configuration of {@code states}, or null if a name is not a state. */
  Config config(List<String> states) {
    if (states instanceof StateList l && l.owner instanceof Config own && own.workflow == this) {
      return own; // the list this workflow handed out: no lookup
    }
    Config known = byNames.get(states);
    if (known != null) {
      return known;
    }
    BitSet b = bits(states);
    return b == null ? null : config(b);
  }

  /** The configuration {@code cfg} as state names in declaration order, interned (shared by every instance). */
  List<String> names(BitSet cfg) {
    return config(cfg).names;
  }

  /** The configuration of {@code states} (root included; the caller's to mutate), or null if a name is not a state. */
  BitSet bits(List<String> states) {
    Config known = byNames.get(states);
    if (known != null) {
      return (BitSet) known.bits.clone();
    }
    BitSet b = new BitSet(names.length);
    b.set(ROOT);
    for (String s : states) {
      Integer i = index.get(s);
      if (i == null || i == ROOT) {
        return null;
      }
      b.set(i);
    }
    return b;
  }

  /** The list of names of {@code states}, in declaration order. */
  List<String> list(Set<Integer> states) {
    BitSet b = new BitSet();
    states.forEach(b::set);
    List<String> out = new ArrayList<>();
    for (int i = b.nextSetBit(1); i >= 0; i = b.nextSetBit(i + 1)) {
      out.add(names[i]);
    }
    return List.copyOf(out);
  }

  /**
   * Compiles workflow {@code workflowId} of {@code artifact}, or lists every problem.
   *
   * @param guardNames the names the GuardPort answers, or null when there is none
   */
  static Result<Compiled> compile(Artifact artifact, String workflowId, ExprEngine engine, Limits limits,
      Set<String> guardNames, boolean hasAuthPort) {
    Optional<AstNode> def = artifact.definition("Workflow", workflowId);
    if (def.isEmpty()) {
      return Result.failed(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "No Workflow '" + workflowId
          + "' in the artifact"));
    }
    JsonObject props = artifact.effectiveProperties("Workflow", workflowId).orElse(def.get().properties());
    Parser p = new Parser(artifact, workflowId, def.get(), props, engine, limits, guardNames, hasAuthPort);
    p.parse();
    if (!p.problems.isEmpty()) {
      return Result.failed(p.problems);
    }
    return Result.ok(new Compiled(p));
  }

  /** Collects the definition into arrays, recording every problem. */
  private static final class Parser {
    final Artifact artifact;
    final String id;
    final String ref;
    final String hash;
    final AstNode node;
    final JsonObject props;
    final ExprEngine engine;
    final Limits limits;
    final Set<String> guardNames;
    final boolean hasAuthPort;
    final List<Diagnostic> problems = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final Map<String, Integer> index = new HashMap<>();
    final List<JsonObject> stateMaps = new ArrayList<>();
    final List<Trans> trans = new ArrayList<>();
    final Set<String> ignored = new LinkedHashSet<>();
    int[] parent;
    int[][] children;
    int[] initialChild;
    StateKind[] kinds;
    HistoryMode[] history;
    int[] depth;
    Action[][] onEnter;
    Action[][] onLeave;
    int initial = -1;

    Parser(Artifact artifact, String id, AstNode node, JsonObject props, ExprEngine engine, Limits limits,
        Set<String> guardNames, boolean hasAuthPort) {
      this.artifact = artifact;
      this.id = id;
      this.ref = "Workflow:" + id;
      this.hash = artifact.hash();
      this.node = node;
      this.props = props;
      this.engine = engine;
      this.limits = limits;
      this.guardNames = guardNames;
      this.hasAuthPort = hasAuthPort;
    }

    void problem(Code code, String member, String message) {
      problems.add(Diagnostic.of(code, message).withPath(ref + (member.isEmpty() ? "" : "/" + member)));
    }

    void parse() {
      names.add("");
      stateMaps.add(JsonObject.EMPTY);
      index.put("", ROOT);
      if (!(props.getOrNull("states") instanceof JsonArray states) || states.isEmpty()) {
        problem(Code.E_VALID_INVALID_WORKFLOW, "states", "Workflow '" + id + "' has no states");
        return;
      }
      for (int i = 0; i < states.size(); i++) {
        JsonValue s = states.get(i);
        String name = s instanceof JsonString str ? str.value()
            : s instanceof JsonObject o && o.getOrNull("name") instanceof JsonString n ? n.value() : null;
        if (name == null || name.isEmpty() || name.equals("*")) {
          problem(Code.E_VALID_INVALID_WORKFLOW, "states/" + i, "State " + i + " of workflow '" + id
              + "' must be a non-empty name other than '*' (or a map with one)");
          continue;
        }
        if (index.containsKey(name)) {
          problem(Code.E_VALID_DUPLICATE_DEF, "states/" + i, "State '" + name + "' is declared twice in workflow '"
              + id + "'");
          continue;
        }
        index.put(name, names.size());
        names.add(name);
        stateMaps.add(s instanceof JsonObject o ? o : JsonObject.EMPTY);
      }
      int n = names.size();
      parent = new int[n];
      kinds = new StateKind[n];
      history = new HistoryMode[n];
      depth = new int[n];
      initialChild = new int[n];
      onEnter = new Action[n][];
      onLeave = new Action[n][];
      parent[ROOT] = -1;
      Set<String> finals = names("finals", "final_states");
      Set<String> initials = names("initials");
      for (int i = 1; i < n; i++) {
        JsonObject m = stateMaps.get(i);
        JsonValue pv = m.getOrNull("parent");
        parent[i] = ROOT;
        if (pv instanceof JsonString ps && !ps.value().isEmpty()) {
          Integer pi = index.get(ps.value());
          if (pi == null || pi == ROOT) {
            problem(Code.E_WF_UNKNOWN_STATE, "states", "Parent '" + ps.value() + "' of state '" + names.get(i)
                + "' in workflow '" + id + "' is not a state");
          } else {
            parent[i] = pi;
          }
        } else if (pv != null && !pv.isNull()) {
          problem(Code.E_META_TYPE_NOT_ALLOWED, "states", "Parent of state '" + names.get(i) + "' in workflow '" + id
              + "' must be a state name");
        }
      }
      // cycles over parent
      for (int i = 1; i < n; i++) {
        int steps = 0;
        for (int x = parent[i]; x > ROOT; x = parent[x]) {
          if (x == i || ++steps > n) {
            problem(Code.E_VALID_CYCLE_DETECTED, "states", "State '" + names.get(i) + "' in workflow '" + id
                + "' is its own ancestor");
            parent[i] = ROOT;
            break;
          }
        }
      }
      List<List<Integer>> kids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        kids.add(new ArrayList<>());
      }
      for (int i = 1; i < n; i++) {
        kids.get(parent[i]).add(i);
      }
      children = new int[n][];
      for (int i = 0; i < n; i++) {
        children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
      for (int i = 0; i < n; i++) {
        int d = 0;
        for (int x = parent[i]; x >= 0; x = parent[x]) {
          d++;
        }
        depth[i] = i == ROOT ? -1 : d - 1;
      }
      kinds[ROOT] = StateKind.COMPOUND;
      history[ROOT] = HistoryMode.NONE;
      onEnter[ROOT] = new Action[0];
      onLeave[ROOT] = new Action[0];
      for (int i = 1; i < n; i++) {
        JsonObject m = stateMaps.get(i);
        String name = names.get(i);
        boolean fin = finals.contains(name) || bool(m, "final");
        boolean par = bool(m, "parallel") || bool(m, "is_parallel") || bool(m, "isParallel");
        if (fin && children[i].length > 0) {
          problem(Code.E_VALID_INVALID_WORKFLOW, "states", "Final state '" + name + "' of workflow '" + id
              + "' has children");
        }
        if (fin && par) {
          problem(Code.E_VALID_INVALID_WORKFLOW, "states", "State '" + name + "' of workflow '" + id
              + "' cannot be both final and parallel");
        }
        if (par && children[i].length == 0) {
          problem(Code.E_VALID_INVALID_WORKFLOW, "states", "Parallel state '" + name + "' of workflow '" + id
              + "' has no regions (children)");
        }
        kinds[i] = fin ? StateKind.FINAL : par ? StateKind.PARALLEL
            : children[i].length > 0 ? StateKind.COMPOUND : StateKind.SIMPLE;
        JsonValue hv = m.getOrNull("history") != null ? m.getOrNull("history") : m.getOrNull("history_mode") != null
            ? m.getOrNull("history_mode") : m.getOrNull("historyMode");
        history[i] = HistoryMode.NONE;
        if (hv instanceof JsonString hs) {
          switch (hs.value()) {
            case "shallow" -> history[i] = HistoryMode.SHALLOW;
            case "deep" -> history[i] = HistoryMode.DEEP;
            case "none" -> history[i] = HistoryMode.NONE;
            default -> problem(Code.E_VALID_INVALID_WORKFLOW, "states", "History of state '" + name
                + "' in workflow '" + id + "' must be \"shallow\", \"deep\" or \"none\", found \"" + hs.value() + "\"");
          }
        } else if (hv != null && !hv.isNull()) {
          problem(Code.E_META_TYPE_NOT_ALLOWED, "states", "History of state '" + name + "' in workflow '" + id
              + "' must be \"shallow\", \"deep\" or \"none\"");
        }
        if (history[i] != HistoryMode.NONE && children[i].length == 0) {
          problem(Code.E_VALID_INVALID_WORKFLOW, "states", "State '" + name + "' of workflow '" + id
              + "' has history but no children");
        }
        onEnter[i] = actions(actionsOf(m, "on_enter", "onEnter"), "states/" + (i - 1) + "/on_enter");
        onLeave[i] = actions(actionsOf(m, "on_leave", "onLeave"), "states/" + (i - 1) + "/on_leave");
      }
      for (int i = 0; i < n; i++) {
        initialChild[i] = -1;
        if (kinds[i] != StateKind.COMPOUND || i == ROOT) {
          continue;
        }
        List<Integer> flagged = new ArrayList<>();
        for (int c : children[i]) {
          if (initials.contains(names.get(c)) || bool(stateMaps.get(c), "initial")) {
            flagged.add(c);
          }
        }
        if (flagged.size() > 1) {
          problem(Code.E_VALID_INVALID_WORKFLOW, "states", "Compound state '" + names.get(i) + "' of workflow '" + id
              + "' has several initial children (" + String.join(", ", flagged.stream().map(names::get).toList())
              + ")");
        }
        initialChild[i] = flagged.isEmpty() ? children[i][0] : flagged.get(0);
      }
      JsonValue iv = props.getOrNull("initial");
      if (iv == null || iv.isNull() || iv instanceof JsonString s && s.value().isEmpty()) {
        problem(Code.E_WF_NO_INITIAL, "initial", "Workflow '" + id + "' has no initial state");
      } else if (!(iv instanceof JsonString s) || !index.containsKey(s.value()) || s.value().isEmpty()) {
        problem(Code.E_WF_UNKNOWN_STATE, "initial", "Workflow '" + id + "' initial state '"
            + (iv instanceof JsonString s2 ? s2.value() : Canonical.json(iv)) + "' is not in states list");
      } else {
        initial = index.get(s.value());
        int top = initial;
        while (parent[top] != ROOT) {
          top = parent[top];
        }
        initialChild[ROOT] = top;
      }
      for (String key : List.of("ignored_triggers", "ignore")) {
        if (props.getOrNull(key) instanceof JsonArray a) {
          for (JsonValue v : a.items()) {
            if (v instanceof JsonString s) {
              ignored.add(s.value());
            }
          }
        }
      }
      transitions();
    }

    private Set<String> names(String... keys) {
      Set<String> out = new HashSet<>();
      for (String key : keys) {
        if (props.getOrNull(key) instanceof JsonArray a) {
          for (JsonValue v : a.items()) {
            if (v instanceof JsonString s) {
              if (!index.containsKey(s.value()) || s.value().isEmpty()) {
                problem(Code.E_WF_UNKNOWN_STATE, key, "'" + key + "' of workflow '" + id + "' names unknown state '"
                    + s.value() + "'");
              }
              out.add(s.value());
            }
          }
        }
      }
      return out;
    }

    private static boolean bool(JsonObject m, String key) {
      return m.getOrNull(key) instanceof JsonBool b && b.value();
    }

    private static String str(JsonObject m, String... keys) {
      for (String k : keys) {
        if (m.getOrNull(k) instanceof JsonString s) {
          return s.value();
        }
      }
      return null;
    }

    private static List<JsonValue> actionsOf(JsonObject m, String... keys) {
      List<JsonValue> out = new ArrayList<>();
      for (String k : keys) {
        JsonValue v = m.getOrNull(k);
        if (v instanceof JsonArray a) {
          out.addAll(a.items());
        } else if (v != null && !v.isNull()) {
          out.add(v); // a single action (G-W19: never iterated character by character)
        }
      }
      return out;
    }

    private void transitions() {
      JsonValue tv = props.getOrNull("transitions");
      if (tv == null || tv.isNull()) {
        return;
      }
      if (!(tv instanceof JsonArray ts)) {
        problem(Code.E_META_TYPE_NOT_ALLOWED, "transitions", "Transitions of workflow '" + id + "' must be a list");
        return;
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < ts.size(); i++) {
        String at = "transitions/" + i;
        if (!(ts.get(i) instanceof JsonObject m)) {
          problem(Code.E_META_TYPE_NOT_ALLOWED, at, "Transition " + i + " of workflow '" + id + "' must be a map");
          continue;
        }
        Trans t = new Trans();
        t.index = i;
        t.id = str(m, "id") != null ? str(m, "id") : "t" + i;
        if (!ids.add(t.id)) {
          problem(Code.E_VALID_DUPLICATE_DEF, at, "Transition id '" + t.id + "' is used twice in workflow '" + id + "'");
        }
        String rule = str(m, "rule_type", "ruleType", "type");
        t.type = rule == null ? TransitionType.EXTERNAL : switch (rule) {
          case "fixed", "external" -> TransitionType.EXTERNAL;
          case "internal" -> TransitionType.INTERNAL;
          case "dynamic" -> TransitionType.DYNAMIC;
          default -> {
            problem(Code.E_VALID_INVALID_WORKFLOW, at, "Transition '" + t.id + "' of workflow '" + id
                + "' has rule type '" + rule + "' (fixed, internal or dynamic)");
            yield TransitionType.EXTERNAL;
          }
        };
        String from = str(m, "from");
        if (from == null) {
          problem(Code.E_VALID_INVALID_WORKFLOW, at, "Transition '" + t.id + "' of workflow '" + id + "' has no 'from'");
        } else if (from.equals("*")) {
          t.from = ROOT;
        } else if (!index.containsKey(from) || from.isEmpty()) {
          problem(Code.E_WF_UNKNOWN_STATE, at, "Transition references unknown state '" + from + "'");
        } else {
          t.from = index.get(from);
        }
        String to = str(m, "to");
        if (t.type == TransitionType.DYNAMIC) {
          t.target = expression(at + "/to", m.getOrNull("to"), true, t.id);
        } else if (to == null) {
          if (t.type == TransitionType.INTERNAL) {
            t.to = t.from;
          } else {
            problem(Code.E_VALID_INVALID_WORKFLOW, at, "Transition '" + t.id + "' of workflow '" + id
                + "' has no 'to'");
          }
        } else if (!index.containsKey(to) || to.isEmpty()) {
          problem(Code.E_WF_UNKNOWN_STATE, at, "Transition references unknown state '" + to + "'");
        } else {
          t.to = index.get(to);
          if (t.type == TransitionType.INTERNAL && t.to != t.from) {
            problem(Code.E_VALID_INVALID_WORKFLOW, at, "Internal transition '" + t.id + "' of workflow '" + id
                + "' stays in its source: 'to' must be '" + from + "' or absent");
          }
        }
        String on = str(m, "on", "event");
        t.event = on != null ? on : to;
        if (t.event == null || t.event.isEmpty()) {
          problem(Code.E_VALID_INVALID_WORKFLOW, at, "Transition '" + t.id + "' of workflow '" + id
              + "' has no event ('on')");
          t.event = "";
        }
        JsonValue g = m.getOrNull("guard");
        if (g != null && !g.isNull()) {
          t.guard = expression(at + "/guard", g, false, t.id);
        }
        JsonValue ng = m.getOrNull("named_guard") != null ? m.getOrNull("named_guard") : m.getOrNull("namedGuard");
        if (ng instanceof JsonString s && !s.value().isEmpty()) {
          t.named = s.value();
          if (guardNames == null) {
            problem(Code.E_VALID_UNRESOLVED_REF, at, "Transition '" + t.id + "' of workflow '" + id + "' names guard '"
                + t.named + "', but no GuardPort is configured");
          } else if (!guardNames.contains(t.named)) {
            problem(Code.E_VALID_UNRESOLVED_REF, at, "Transition '" + t.id + "' of workflow '" + id + "' names guard '"
                + t.named + "', which the GuardPort does not answer (it answers: "
                + String.join(", ", new java.util.TreeSet<>(guardNames)) + ")");
          }
        } else if (ng != null && !ng.isNull()) {
          problem(Code.E_META_TYPE_NOT_ALLOWED, at, "named_guard of transition '" + t.id + "' must be a guard name");
        }
        List<String> roles = new ArrayList<>();
        for (String k : List.of("auth_roles", "authRoles", "roles")) {
          JsonValue rv = m.getOrNull(k);
          if (rv instanceof JsonArray a) {
            for (JsonValue r : a.items()) {
              if (r instanceof JsonString rs && !rs.value().isEmpty()) {
                roles.add(rs.value());
              } else {
                problem(Code.E_META_TYPE_NOT_ALLOWED, at, "Roles of transition '" + t.id + "' must be role names");
              }
            }
          } else if (rv != null && !rv.isNull()) {
            problem(Code.E_META_TYPE_NOT_ALLOWED, at, "'" + k + "' of transition '" + t.id
                + "' must be a list of role names");
          }
        }
        t.roles = roles.toArray(String[]::new);
        t.auth = bool(m, "auth");
        if (t.auth && !hasAuthPort) {
          problem(Code.E_VALID_UNRESOLVED_REF, at, "Transition '" + t.id + "' of workflow '" + id
              + "' requires an AuthPort (auth: true), but none is configured");
        }
        JsonValue to2 = m.getOrNull("timeout_ms") != null ? m.getOrNull("timeout_ms") : m.getOrNull("timeoutMs") != null
            ? m.getOrNull("timeoutMs") : m.getOrNull("timeout");
        if (to2 instanceof JsonInt ti && ti.value().signum() >= 0 && ti.value().bitLength() < 63) {
          t.timeoutMs = ti.value().longValue();
          if (t.from == ROOT) {
            problem(Code.E_VALID_INVALID_WORKFLOW, at, "Timed transition '" + t.id + "' of workflow '" + id
                + "' needs a source state (not '*')");
          }
        } else if (to2 != null && !to2.isNull()) {
          problem(Code.E_META_TYPE_NOT_ALLOWED, at, "Timeout of transition '" + t.id + "' of workflow '" + id
              + "' must be a whole number of milliseconds >= 0");
        }
        List<JsonValue> acts = actionsOf(m, "on_leave", "onLeave");
        acts.addAll(actionsOf(m, "on_enter", "onEnter"));
        acts.addAll(actionsOf(m, "actions"));
        t.actions = actions(acts, at + "/actions");
        trans.add(t);
      }
    }

    /** The compiled expression of site {@code site} (lowered IR, or a map's own IR), or null after a problem. */
    private CompiledExpression expression(String site, JsonValue raw, boolean target, String tid) {
      Expr ir = artifact.expression(ref, site).orElse(null);
      if (ir == null && raw instanceof JsonObject) {
        Result<Expr> decoded = ExprJson.decode(raw);
        if (!decoded.isOk()) {
          decoded.diagnostics().forEach(d -> problems.add(d.withPath(ref + "/" + site)));
          return null;
        }
        ir = decoded.orElseThrow();
      }
      if (ir == null) {
        problem(Code.E_VALID_INVALID_WORKFLOW, site, "Transition '" + tid + "' of workflow '" + id + "' has "
            + (target ? "a dynamic target" : "a guard") + " the artifact carries no lowered expression for ("
            + (raw instanceof JsonString ? "compile the manifest with the registry compiler" : "it must be a string or a map") + ")");
        return null;
      }
      Result<CompiledExpression> c = engine.compile(ir, EnvelopeTypes.guard(), limits);
      if (!(c instanceof Result.Ok<CompiledExpression> ok)) {
        c.diagnostics().forEach(d -> problems.add(d.withPath(ref + "/" + site)));
        return null;
      }
      ExprType type = ok.get().type();
      int want = target ? ExprType.K_STRING : ExprType.K_BOOL;
      if (!type.isAny() && !type.has(want)) {
        problem(Code.E_EXPR_TYPE_MISMATCH, site, "The " + (target ? "target" : "guard") + " of transition '" + tid
            + "' of workflow '" + id + "' has type " + type + ", it must be " + (target ? "a string (a state name)"
            : "boolean"));
        return null;
      }
      return ok.get();
    }

    private Action[] actions(List<JsonValue> raw, String at) {
      List<Action> out = new ArrayList<>();
      for (int i = 0; i < raw.size(); i++) {
        Action a = action(raw.get(i), at + "/" + i);
        if (a != null) {
          out.add(a);
        }
      }
      return out.toArray(Action[]::new);
    }

    private Action action(JsonValue v, String at) {
      if (v instanceof JsonString s && !s.value().isEmpty()) {
        JsonObject params = JsonObject.builder().put("operation", s.value()).build();
        return new Action(IntentKind.TRANSFORM, "${instance.id}", params, null,
            new ActionView(IntentKind.TRANSFORM, Optional.of("${instance.id}"), params, Optional.empty(), s.value()));
      }
      if (!(v instanceof JsonObject o)) {
        problem(Code.E_META_TYPE_NOT_ALLOWED, at, "An action of workflow '" + id
            + "' must be an action name or an intent map {kind, target, params, idempotencyKey}");
        return null;
      }
      String kindName = str(o, "kind");
      IntentKind kind = kindName == null ? null : IntentKind.fromWireName(kindName).orElse(null);
      if (kind == null) {
        problem(Code.E_POLICY_INVALID_TEMPLATE, at, "An action of workflow '" + id + "' has "
            + (kindName == null ? "no kind" : "unknown intent kind '" + kindName + "'"));
        return null;
      }
      String target = str(o, "target") != null ? str(o, "target") : "${instance.id}";
      JsonObject params = o.getOrNull("params") instanceof JsonObject p ? p : JsonObject.EMPTY;
      if (o.getOrNull("params") != null && !(o.getOrNull("params") instanceof JsonObject)) {
        problem(Code.E_META_TYPE_NOT_ALLOWED, at, "params of an action of workflow '" + id + "' must be a map");
      }
      String key = str(o, "idempotencyKey");
      boolean ok = placeholders(target, at) & placeholders(key, at) & placeholders(params, at);
      if (ok) {
        Intent sample = new Intent(kind, Optional.of(sample(target)), (JsonObject) sample(params),
            Optional.of(key == null ? "k" : sample(key)));
        for (Diagnostic d : sample.problems()) {
          problem(d.code(), at, "An action of workflow '" + id + "': " + d.message());
          ok = false;
        }
      }
      if (!ok) {
        return null;
      }
      String label = params.getOrNull("operation") instanceof JsonString op ? op.value() : kind.wireName();
      return new Action(kind, target, params, key,
          new ActionView(kind, Optional.of(target), params, Optional.ofNullable(key), label));
    }

    private boolean placeholders(JsonValue v, String at) {
      if (v instanceof JsonString s) {
        return placeholders(s.value(), at);
      }
      boolean ok = true;
      if (v instanceof JsonObject o) {
        for (JsonValue x : o.members().values()) {
          ok &= placeholders(x, at);
        }
      } else if (v instanceof JsonArray a) {
        for (JsonValue x : a.items()) {
          ok &= placeholders(x, at);
        }
      }
      return ok;
    }

    private boolean placeholders(String text, String at) {
      if (text == null) {
        return true;
      }
      Matcher m = PLACEHOLDER.matcher(text);
      boolean ok = true;
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1).trim())) {
          problem(Code.E_POLICY_INVALID_TEMPLATE, at, "Placeholder '${" + m.group(1) + "}' in an action of workflow '"
              + id + "' is not one of " + String.join(", ", new java.util.TreeSet<>(PLACEHOLDERS)));
          ok = false;
        }
      }
      return ok;
    }

    private static String sample(String text) {
      return render(text, k -> "x");
    }

    private static JsonValue sample(JsonValue v) {
      return renderJson(v, k -> "x");
    }

    WorkflowModel view(Compiled c) {
      List<StateView> states = new ArrayList<>();
      for (int i = 1; i < names.size(); i++) {
        List<String> kids = new ArrayList<>();
        for (int k : children[i]) {
          kids.add(names.get(k));
        }
        states.add(new StateView(names.get(i), kinds[i], parent[i] == ROOT ? Optional.empty()
            : Optional.of(names.get(parent[i])), kids, initialChild[i] < 0 ? Optional.empty()
            : Optional.of(names.get(initialChild[i])), history[i], views(onEnter[i]), views(onLeave[i]), depth[i]));
      }
      List<TransitionView> ts = new ArrayList<>();
      JsonArray raw = props.getOrNull("transitions") instanceof JsonArray a ? a : JsonArray.EMPTY;
      for (Trans t : trans) {
        JsonObject m = (JsonObject) raw.get(t.index);
        JsonValue g = m.getOrNull("guard");
        Optional<String> guard = g == null || g.isNull() ? Optional.empty()
            : Optional.of(g instanceof JsonString s ? s.value() : Canonical.json(g));
        String to = t.type == TransitionType.DYNAMIC ? (m.getOrNull("to") instanceof JsonString s ? s.value()
            : Canonical.json(m.getOrNull("to"))) : names.get(t.to);
        t.view = new TransitionView(t.id, t.index, t.from == ROOT ? "*" : names.get(t.from), t.event, to, t.type,
            guard, Optional.ofNullable(t.named), List.of(t.roles), t.auth,
            t.timeoutMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(t.timeoutMs)), views(t.actions));
        ts.add(t.view);
      }
      return new WorkflowModel(id, node.name(), hash, names.get(initial), states, ts, List.copyOf(ignored));
    }

    private static List<ActionView> views(Action[] as) {
      List<ActionView> out = new ArrayList<>(as.length);
      for (Action a : as) {
        out.add(a.view());
      }
      return out;
    }
  }

  /** {@code text} with each {@code ${name}} replaced by {@code values.apply(name)}. */
  static String render(String text, java.util.function.Function<String, String> values) {
    if (text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(values.apply(m.group(1).trim())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** {@code v} with the placeholders of every string rendered (maps and lists at any depth). */
  static JsonValue renderJson(JsonValue v, java.util.function.Function<String, String> values) {
    if (v instanceof JsonString s) {
      String r = render(s.value(), values);
      return r.equals(s.value()) ? v : JsonString.of(r);
    }
    if (v instanceof JsonObject o) {
      if (o.isEmpty()) {
        return o;
      }
      Map<String, JsonValue> out = new LinkedHashMap<>();
      boolean changed = false;
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        JsonValue r = renderJson(e.getValue(), values);
        changed |= r != e.getValue();
        out.put(e.getKey(), r);
      }
      return changed ? JsonObject.of(out) : o; // unchanged templates are shared, not copied
    }
    if (v instanceof JsonArray a) {
      List<JsonValue> out = new ArrayList<>();
      boolean changed = false;
      for (JsonValue x : a.items()) {
        JsonValue r = renderJson(x, values);
        changed |= r != x;
        out.add(r);
      }
      return changed ? JsonArray.of(out) : a;
    }
    return v;
  }
}
