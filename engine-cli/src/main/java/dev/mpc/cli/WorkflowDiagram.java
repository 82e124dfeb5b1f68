package dev.mpc.cli;

import dev.mpc.workflow.ActionView;
import dev.mpc.workflow.HistoryMode;
import dev.mpc.workflow.StateKind;
import dev.mpc.workflow.StateView;
import dev.mpc.workflow.TransitionType;
import dev.mpc.workflow.TransitionView;
import dev.mpc.workflow.WorkflowModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled workflow ({@link WorkflowModel}) drawn as a state diagram, in Mermaid
 * ({@code stateDiagram-v2}) or Graphviz DOT: compound states as nested composite states/clusters
 * with their initial marker, parallel states with their regions (Mermaid {@code --} separators,
 * DOT dashed clusters), final states, history (UML {@code H} / {@code H*}), entry/exit actions, and
 * each transition labelled {@code event [guard] / actions} (the guard part lists required roles,
 * the named guard, the guard expression and {@code auth}; a timed transition's event reads
 * {@code event after 1h}; internal transitions are self-loops marked {@code (internal)}; a dynamic
 * transition points to a choice node labelled with its target expression).
 *
 * <p>The same model always gives the same text. Stateless.
 */
final class WorkflowDiagram {
  private WorkflowDiagram() {}

  /** The transition label: {@code event [conditions] / actions}. */
  static String label(TransitionView t) {
    StringBuilder s = new StringBuilder(t.event());
    t.timeout().ifPresent(d -> s.append(" after ").append(duration(d)));
    List<String> conditions = new ArrayList<>();
    if (!t.roles().isEmpty()) {
      conditions.add("role " + String.join("|", t.roles()));
    }
    if (t.auth()) {
      conditions.add("auth");
    }
    t.namedGuard().ifPresent(conditions::add);
    t.guard().ifPresent(conditions::add);
    if (!conditions.isEmpty()) {
      s.append(" [").append(String.join(" and ", conditions)).append(']');
    }
    if (!t.actions().isEmpty()) {
      s.append(" / ").append(actions(t.actions()));
    }
    if (t.type() == TransitionType.INTERNAL) {
      s.append(" (internal)");
    }
    return s.toString();
  }

  private static String actions(List<ActionView> actions) {
    return String.join(", ", actions.stream().map(ActionView::label).toList());
  }

  /** {@code 1h}, {@code 90s}, {@code 250ms}: the largest unit that divides the duration. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "min", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms != 0 && ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }

  /** The state's title: its name, {@code (H)} / {@code (H*)} for history, {@code (parallel)}. */
  private static String title(StateView s) {
    String t = s.name();
    if (s.kind() == StateKind.PARALLEL) {
      t += " (parallel)";
    }
    if (s.history() == HistoryMode.SHALLOW) {
      t += " (H)";
    } else if (s.history() == HistoryMode.DEEP) {
      t += " (H*)";
    }
    return t;
  }

  /** The state's entry and exit actions as lines ({@code entry / a, b}, {@code exit / c}). */
  private static List<String> behaviour(StateView s) {
    List<String> out = new ArrayList<>();
    if (!s.onEnter().isEmpty()) {
      out.add("entry / " + actions(s.onEnter()));
    }
    if (!s.onLeave().isEmpty()) {
      out.add("exit / " + actions(s.onLeave()));
    }
    return out;
  }

  // ------------------------------------------------------------------ Mermaid

  /** The workflow as a Mermaid {@code stateDiagram-v2}. */
  static String mermaid(WorkflowModel m) {
    Ids ids = new Ids(m);
    StringBuilder out = new StringBuilder("stateDiagram-v2\n");
    out.append("  %% workflow ").append(m.id()).append(m.name().map(n -> " \"" + n + "\"").orElse("")).append('\n');
    out.append("  [*] --> ").append(ids.of(m.initial())).append('\n');
    List<String> notes = new ArrayList<>();
    for (StateView s : m.topLevel()) {
      mermaidState(m, s, ids, "  ", out, notes);
    }
    // Mermaid takes no note inside a composite state: the composites' entry/exit notes come last, at top level.
    notes.forEach(n -> out.append("  ").append(n).append('\n'));
    int choice = 0;
    for (TransitionView t : m.transitions()) {
      String from = ids.of(t.from());
      String to;
      String label = label(t);
      if (t.type() == TransitionType.DYNAMIC) {
        // A choice node has no label: the target expression goes on the edge.
        to = "dynamic_" + (choice++);
        out.append("  state ").append(to).append(" <<choice>>\n");
        label += " (to " + t.to() + ")";
      } else {
        to = t.type() == TransitionType.INTERNAL ? from : ids.of(t.to());
      }
      out.append("  ").append(from).append(" --> ").append(to).append(" : ").append(mermaidText(label)).append('\n');
    }
    return out.toString();
  }

  private static void mermaidState(WorkflowModel m, StateView s, Ids ids, String indent, StringBuilder out,
      List<String> notes) {
    String id = ids.of(s.name());
    String title = title(s);
    if (!s.isComposite()) {
      // Declared with its title when it has one or entry/exit lines (else a description would replace the name).
      if (!title.equals(id) || !behaviour(s).isEmpty()) {
        out.append(indent).append("state \"").append(mermaidText(title)).append("\" as ").append(id).append('\n');
      } else {
        out.append(indent).append(id).append('\n');
      }
      for (String b : behaviour(s)) {
        out.append(indent).append(id).append(" : ").append(mermaidText(b)).append('\n');
      }
      if (s.kind() == StateKind.FINAL) {
        out.append(indent).append(id).append(" --> [*]\n");
      }
      return;
    }
    out.append(indent).append("state \"").append(mermaidText(title)).append("\" as ").append(id).append(" {\n");
    String inner = indent + "  ";
    List<String> lines = behaviour(s);
    if (!lines.isEmpty()) {
      // A composite state takes no description: its entry/exit actions are a note beside it.
      notes.add("note right of " + id + " : " + mermaidText(String.join("; ", lines)));
    }
    boolean first = true;
    for (String c : s.children()) {
      StateView child = m.state(c).orElseThrow();
      if (s.kind() == StateKind.PARALLEL) {
        if (!first) {
          out.append(inner).append("--\n");
        }
        first = false;
      }
      mermaidState(m, child, ids, inner, out, notes);
    }
    if (s.kind() == StateKind.COMPOUND) {
      s.initialChild().ifPresent(c -> out.append(inner).append("[*] --> ").append(ids.of(c)).append('\n'));
    }
    out.append(indent).append("}\n");
  }

  /** Text for a Mermaid label: characters that end a statement or start markup as entity codes. */
  static String mermaidText(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("#quot;");
        case ';' -> b.append("#59;");
        case ':' -> b.append("#58;");
        case '#' -> b.append("#35;");
        case '<' -> b.append("#lt;");
        case '>' -> b.append("#gt;");
        case '{' -> b.append("#123;");
        case '}' -> b.append("#125;");
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Mermaid state ids: the name when it is a plain identifier, else a sanitized unique one. */
  private static final class Ids {
    private final Map<String, String> ids = new HashMap<>();

    Ids(WorkflowModel m) {
      Set<String> taken = new HashSet<>();
      for (StateView s : m.states()) {
        if (s.name().matches("[A-Za-z][A-Za-z0-9_]*") && !s.name().startsWith("dynamic_")) {
          ids.put(s.name(), s.name());
          taken.add(s.name());
        }
      }
      for (StateView s : m.states()) {
        if (!ids.containsKey(s.name())) {
          String base = "s_" + s.name().replaceAll("[^A-Za-z0-9_]", "_");
          String id = base;
          for (int n = 2; taken.contains(id); n++) {
            id = base + "_" + n;
          }
          ids.put(s.name(), id);
          taken.add(id);
        }
      }
    }

    String of(String state) {
      String id = ids.get(state);
      if (id == null) {
        throw new IllegalStateException("the model has no state '" + state + "'");
      }
      return id;
    }
  }

  // ------------------------------------------------------------------ DOT

  /** The workflow as a Graphviz {@code digraph}. */
  static String dot(WorkflowModel m) {
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(dotId(m.id())).append(" {\n");
    out.append("  label=").append(dotId(m.name().orElse(m.id()))).append("; labelloc=t; compound=true; rankdir=LR;\n");
    out.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  \"[*]\" [shape=point, width=0.2];\n");
    for (StateView s : m.topLevel()) {
      dotState(m, s, "  ", out);
    }
    List<String> startAttrs = new ArrayList<>();
    String initial = edgeEnd(m, m.initial(), "lhead", startAttrs);
    out.append("  \"[*]\" -> ").append(initial).append(attributes(startAttrs)).append(";\n");
    int choice = 0;
    for (TransitionView t : m.transitions()) {
      List<String> attrs = new ArrayList<>();
      String source = edgeEnd(m, t.from(), "ltail", attrs);
      String target;
      if (t.type() == TransitionType.DYNAMIC) {
        target = dotId("dynamic " + (choice++));
        out.append("  ").append(target).append(" [shape=diamond, label=").append(dotId(t.to())).append("];\n");
      } else {
        target = edgeEnd(m, t.type() == TransitionType.INTERNAL ? t.from() : t.to(), "lhead", attrs);
      }
      attrs.add("label=" + dotId(label(t)));
      out.append("  ").append(source).append(" -> ").append(target).append(attributes(attrs)).append(";\n");
    }
    out.append("}\n");
    return out.toString();
  }

  /**
   * The node an edge attaches to for {@code state}: the state itself, or for a composite its
   * anchor, with {@code clip=cluster} added to {@code attrs} ({@code ltail} or {@code lhead}).
   */
  private static String edgeEnd(WorkflowModel m, String state, String clip, List<String> attrs) {
    StateView s = m.state(state).orElseThrow();
    if (!s.isComposite()) {
      return dotId(s.name());
    }
    attrs.add(clip + "=" + dotId(cluster(s.name())));
    return dotId(anchor(s.name()));
  }

  private static void dotState(WorkflowModel m, StateView s, String indent, StringBuilder out) {
    List<String> lines = behaviour(s);
    if (!s.isComposite()) {
      String label = String.join("\n", concat(title(s), lines));
      out.append(indent).append(dotId(s.name())).append(" [label=").append(dotId(label))
          .append(s.kind() == StateKind.FINAL ? ", peripheries=2" : "").append("];\n");
      return;
    }
    out.append(indent).append("subgraph ").append(dotId(cluster(s.name()))).append(" {\n");
    String inner = indent + "  ";
    out.append(inner).append("label=").append(dotId(String.join("\n", concat(title(s), lines)))).append("; style=")
        .append(s.kind() == StateKind.PARALLEL ? "dashed" : "rounded").append(";\n");
    // The anchor edges into and out of the cluster attach to: the initial marker of a compound
    // state; invisible in a parallel state (entering it enters every region at its own marker).
    out.append(inner).append(dotId(anchor(s.name()))).append(s.kind() == StateKind.PARALLEL
        ? " [shape=point, width=0.01, style=invis];\n" : " [shape=point, width=0.15];\n");
    for (String c : s.children()) {
      dotState(m, m.state(c).orElseThrow(), inner, out);
    }
    if (s.kind() == StateKind.COMPOUND && s.initialChild().isPresent()) {
      List<String> attrs = new ArrayList<>();
      String child = edgeEnd(m, s.initialChild().get(), "lhead", attrs);
      out.append(inner).append(dotId(anchor(s.name()))).append(" -> ").append(child)
          .append(attributes(attrs)).append(";\n");
    }
    out.append(indent).append("}\n");
  }

  private static String attributes(List<String> attrs) {
    return attrs.isEmpty() ? "" : " [" + String.join(", ", attrs) + "]";
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>(List.of(first));
    out.addAll(rest);
    return out;
  }

  private static String cluster(String state) {
    return "cluster " + state;
  }

  /** A composite state's initial marker (the point edges into and out of its cluster attach to). */
  private static String anchor(String state) {
    return state + " [*]";
  }

  /** A quoted DOT id. */
  static String dotId(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
