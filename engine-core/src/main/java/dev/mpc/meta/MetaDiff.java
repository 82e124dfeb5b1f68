package dev.mpc.meta;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Severity;
import dev.mpc.json.JsonObject;
import dev.mpc.json.PythonText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every change between two DomainMetas, each classified breaking or not, and the version bump it
 * requires.
 *
 * <p>Classification (a change is breaking when a manifest valid under the old meta can be invalid
 * or mean something else under the new one):
 *
 * <ul>
 *   <li>Kinds: removed, a property removed, a property added as or made required, allowed types
 *       restricted (a type removed, or an unrestricted list made restrictive), the aggregate
 *       changed: breaking. Added kinds, added optional properties, required properties made
 *       optional, allowed types widened: non-breaking.
 *   <li>Attribute types of a kind's objects (a closed shape for expressions once declared):
 *       declared for a kind that had none (so also for an added kind), an attribute removed, a
 *       type changed other than widened: breaking (a reference or use that compiled before may
 *       not). An attribute added, a type widened (every value of the old type is one of the new,
 *       {@code int} to {@code int|null}), the declaration dropped altogether (back to
 *       {@code any}): non-breaking.
 *   <li>Functions: removed, arguments or result type changed, cost raised (budgets may now run
 *       out): breaking. Added, cost lowered: non-breaking.
 *   <li>Global allowed types and allowed events: restriction sets where an empty list means
 *       unrestricted; restricting is breaking, widening is not.
 *   <li>A lower {@code schemaVersion} is breaking.
 * </ul>
 *
 * <p>Where upstream MPC reports the same change, the message is upstream's text (e.g.
 * {@code Kind 'X' removed}, {@code Function 'f': args changed from ['int'] to ['string']}).
 * Unlike upstream, relaxations (clearing a type list, making a property optional, lowering a
 * cost) are not reported as breaking, and restrictions upstream misses (an empty list made
 * restrictive, a removed optional property) are. A breaking change requires a higher
 * {@code schemaVersion} (the meta's major version).
 *
 * <p>Linear in the two metas (up to sorting): kinds are found through the metas' name indexes and
 * every membership test uses a set.
 *
 * <p>Immutable and thread-safe.
 *
 * @param oldVersion the old meta's schema version
 * @param newVersion the new meta's schema version
 * @param changes every change, breaking or not, in a deterministic order
 */
public record MetaDiff(int oldVersion, int newVersion, List<MetaChange> changes) {

  /** The version bump a diff requires. */
  public enum Bump {
    /** Nothing changed. */
    NONE,
    /** Only non-breaking changes: any version (or the same) will do. */
    MINOR,
    /** Breaking changes: the new schemaVersion must be higher than the old one. */
    MAJOR
  }

  /** Creates a diff. */
  public MetaDiff {
    changes = List.copyOf(changes);
  }

  /** Compares {@code oldMeta} with {@code newMeta}. */
  public static MetaDiff between(DomainMeta oldMeta, DomainMeta newMeta) {
    List<MetaChange> out = new ArrayList<>();
    if (newMeta.schemaVersion() < oldMeta.schemaVersion()) {
      out.add(new MetaChange(true, "schemaVersion decreased from " + oldMeta.schemaVersion() + " to "
          + newMeta.schemaVersion()));
    }
    kinds(oldMeta, newMeta, out);
    functions(oldMeta, newMeta, out);
    restriction(out, oldMeta.allowedTypes(), newMeta.allowedTypes(), "Global allowed type", "Global allowed types");
    restriction(out, oldMeta.allowedEvents(), newMeta.allowedEvents(), "Allowed event", "Allowed events");
    return new MetaDiff(oldMeta.schemaVersion(), newMeta.schemaVersion(), out);
  }

  private static void kinds(DomainMeta oldMeta, DomainMeta newMeta, List<MetaChange> out) {
    for (KindDef o : oldMeta.kinds()) {
      Optional<KindDef> found = newMeta.kind(o.name());
      if (found.isEmpty()) {
        out.add(new MetaChange(true, "Kind '" + o.name() + "' removed"));
        continue;
      }
      KindDef n = found.get();
      String k = "Kind '" + o.name() + "': ";
      Set<String> oldRequired = new HashSet<>(o.requiredProps());
      Set<String> oldOptional = new HashSet<>(o.optionalProps());
      Set<String> newRequired = new HashSet<>(n.requiredProps());
      Set<String> newOptional = new HashSet<>(n.optionalProps());
      for (String p : sorted(n.requiredProps())) {
        if (!oldRequired.contains(p)) {
          out.add(new MetaChange(true, oldOptional.contains(p)
              ? k + "property '" + p + "' became required"
              : k + "required property '" + p + "' added"));
        }
      }
      for (String p : sorted(union(o.requiredProps(), o.optionalProps()))) {
        if (!newRequired.contains(p) && !newOptional.contains(p)) {
          out.add(new MetaChange(true, k + "property '" + p + "' removed"));
        } else if (oldRequired.contains(p) && !newRequired.contains(p)) {
          out.add(new MetaChange(false, k + "property '" + p + "' became optional"));
        }
      }
      for (String p : sorted(n.optionalProps())) {
        if (!oldRequired.contains(p) && !oldOptional.contains(p)) {
          out.add(new MetaChange(false, k + "optional property '" + p + "' added"));
        }
      }
      restriction(out, o.allowedTypes(), n.allowedTypes(), k + "allowed type", k + "allowed types");
      if (!o.aggregate().equals(n.aggregate())) {
        out.add(new MetaChange(true, k + "aggregate changed from " + o.aggregate().orElse("(none)") + " to "
            + n.aggregate().orElse("(none)")));
      }
      attributes(out, k, o.attributes(), n.attributes());
    }
    for (KindDef n : newMeta.kinds()) {
      if (oldMeta.kind(n.name()).isEmpty()) {
        out.add(new MetaChange(false, "Kind '" + n.name() + "' added"));
        attributes(out, "Kind '" + n.name() + "': ", Map.of(), n.attributes());
      }
    }
  }

  /** Attribute types: empty means undeclared ({@code any}); declaring them closes the shape. */
  private static void attributes(List<MetaChange> out, String k, Map<String, String> o, Map<String, String> n) {
    if (o.isEmpty() && n.isEmpty()) {
      return;
    }
    if (o.isEmpty()) {
      out.add(new MetaChange(true, k + "attribute types declared for " + PythonText.listRepr(sorted(n.keySet()))
          + " (object.attributes becomes a closed shape)"));
      return;
    }
    if (n.isEmpty()) {
      out.add(new MetaChange(false, k + "attribute types no longer declared"));
      return;
    }
    for (String a : sorted(o.keySet())) {
      String was = o.get(a);
      String now = n.get(a);
      if (now == null) {
        out.add(new MetaChange(true, k + "attribute '" + a + "' removed"));
      } else if (!was.equals(now)) {
        boolean widened = TypeNames.isValid(was) && TypeNames.isValid(now) && TypeNames.covers(now, was);
        out.add(new MetaChange(!widened, k + "attribute '" + a + "' type " + (widened ? "widened" : "changed")
            + " from '" + was + "' to '" + now + "'"));
      }
    }
    for (String a : sorted(n.keySet())) {
      if (!o.containsKey(a)) {
        out.add(new MetaChange(false, k + "attribute '" + a + "' added"));
      }
    }
  }

  private static void functions(DomainMeta oldMeta, DomainMeta newMeta, List<MetaChange> out) {
    Map<String, FunctionDef> o = byName(oldMeta.allowedFunctions(), FunctionDef::name);
    Map<String, FunctionDef> n = byName(newMeta.allowedFunctions(), FunctionDef::name);
    for (String name : o.keySet()) {
      if (!n.containsKey(name)) {
        out.add(new MetaChange(true, "Function '" + name + "' removed"));
      }
    }
    for (String name : n.keySet()) {
      if (!o.containsKey(name)) {
        out.add(new MetaChange(false, "Function '" + name + "' added"));
      }
    }
    for (String name : o.keySet()) {
      FunctionDef a = o.get(name);
      FunctionDef b = n.get(name);
      if (b == null) {
        continue;
      }
      String f = "Function '" + name + "': ";
      if (!a.args().equals(b.args())) {
        out.add(new MetaChange(true, f + "args changed from " + PythonText.listRepr(a.args()) + " to "
            + PythonText.listRepr(b.args())));
      }
      if (!a.returns().equals(b.returns())) {
        out.add(new MetaChange(true, f + "return type changed from '" + a.returns() + "' to '" + b.returns() + "'"));
      }
      if (a.cost() != b.cost()) {
        out.add(new MetaChange(b.cost() > a.cost(), f + "cost changed from " + a.cost() + " to " + b.cost()));
      }
    }
  }

  /** A restriction list: empty means unrestricted. */
  private static void restriction(List<MetaChange> out, List<String> oldList, List<String> newList, String one,
      String all) {
    if (oldList.isEmpty() && newList.isEmpty()) {
      return;
    }
    if (oldList.isEmpty()) {
      out.add(new MetaChange(true, all + " restricted to " + PythonText.listRepr(sorted(newList))));
      return;
    }
    if (newList.isEmpty()) {
      out.add(new MetaChange(false, all + " no longer restricted"));
      return;
    }
    Set<String> oldSet = new HashSet<>(oldList);
    Set<String> newSet = new HashSet<>(newList);
    for (String t : sorted(oldList)) {
      if (!newSet.contains(t)) {
        out.add(new MetaChange(true, one + " '" + t + "' removed"));
      }
    }
    for (String t : sorted(newList)) {
      if (!oldSet.contains(t)) {
        out.add(new MetaChange(false, one + " '" + t + "' added"));
      }
    }
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> m = new TreeMap<>(dev.mpc.json.Canonical.CODE_POINT_ORDER);
    for (T t : items) {
      m.putIfAbsent(name.apply(t), t);
    }
    return m;
  }

  private static List<String> sorted(Collection<String> items) {
    TreeSet<String> s = new TreeSet<>(dev.mpc.json.Canonical.CODE_POINT_ORDER);
    s.addAll(items);
    return List.copyOf(s);
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The breaking changes. */
  public List<MetaChange> breaking() {
    return changes.stream().filter(MetaChange::breaking).toList();
  }

  /** The non-breaking changes. */
  public List<MetaChange> nonBreaking() {
    return changes.stream().filter(c -> !c.breaking()).toList();
  }

  /** Whether any change is breaking. */
  public boolean hasBreaking() {
    return changes.stream().anyMatch(MetaChange::breaking);
  }

  /** The bump the changes require. */
  public Bump requiredBump() {
    return hasBreaking() ? Bump.MAJOR : changes.isEmpty() ? Bump.NONE : Bump.MINOR;
  }

  /** Whether the new schemaVersion satisfies {@link #requiredBump()}. */
  public boolean versionBumpSufficient() {
    return !hasBreaking() || newVersion > oldVersion;
  }

  /**
   * The breaking changes as diagnostics with code {@code E_META_BREAKING_CHANGE}: severity
   * {@code error} when the version bump is insufficient, {@code warn} when the new schemaVersion
   * covers them.
   */
  public List<Diagnostic> diagnostics() {
    Severity s = versionBumpSufficient() ? Severity.WARN : Severity.ERROR;
    List<Diagnostic> out = new ArrayList<>();
    for (MetaChange c : breaking()) {
      out.add(Diagnostic.of(Code.E_META_BREAKING_CHANGE, c.message()).withSeverity(s)
          .withDetails(JsonObject.builder().put("oldSchemaVersion", oldVersion).put("newSchemaVersion", newVersion).build()));
    }
    return out;
  }

  /** Human-readable report lines, as {@code mpc meta diff} prints them. */
  public List<String> report() {
    List<String> lines = new ArrayList<>();
    for (MetaChange c : changes) {
      lines.add((c.breaking() ? "BREAKING      " : "non-breaking  ") + c.message());
    }
    if (changes.isEmpty()) {
      lines.add("no changes");
    }
    String bump = switch (requiredBump()) {
      case NONE -> "none";
      case MINOR -> "minor (no schema_version change needed)";
      case MAJOR -> "major (schema_version must be higher than " + oldVersion + ")";
    };
    lines.add("required version bump: " + bump + "; schema_version " + oldVersion + " -> " + newVersion
        + (versionBumpSufficient() ? " (ok)" : " (INSUFFICIENT)"));
    return lines;
  }
}
