package dev.mpc.conformance.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a suite's cases exercised: every policy (matched at least once), ACL rule (decided at
 * least once), workflow transition (taken at least once) and guard outcome (a guarded transition
 * seen passing and failing), each with where it is declared. Mutable while a suite runs; read
 * through {@link #items()}.
 */
public final class Coverage {
  /**
   * One thing to cover.
   *
   * @param kind {@code policy}, {@code acl}, {@code transition}, {@code guard:true} or {@code guard:false}
   * @param id the definition id (for transitions and guards {@code workflow/transitionId})
   * @param file the manifest, if known
   * @param line the declaration's line (0 when unknown)
   * @param covered whether a case exercised it
   */
  public record Item(String kind, String id, Optional<String> file, int line, boolean covered) {}

  private final Map<String, Item> items = new LinkedHashMap<>();

  void declare(String kind, String id, Optional<String> file, int line) {
    items.putIfAbsent(kind + " " + id, new Item(kind, id, file, line, false));
  }

  void hit(String kind, String id) {
    Item i = items.get(kind + " " + id);
    if (i != null && !i.covered()) {
      items.put(kind + " " + id, new Item(i.kind(), i.id(), i.file(), i.line(), true));
    }
  }

  /** @return every item, in declaration order */
  public List<Item> items() {
    return List.copyOf(items.values());
  }

  /** @return the items no case exercised */
  public List<Item> uncovered() {
    List<Item> out = new ArrayList<>();
    for (Item i : items.values()) {
      if (!i.covered()) {
        out.add(i);
      }
    }
    return out;
  }

  /** @return how many items were exercised */
  public int covered() {
    return items.size() - uncovered().size();
  }

  /** @return the covered share in percent (100 when there is nothing to cover) */
  public double percent() {
    return items.isEmpty() ? 100.0 : 100.0 * covered() / items.size();
  }

  /** Adds {@code other}'s items (for a total over several suites). */
  void addAll(Coverage other) {
    other.items.forEach((k, v) -> items.merge(k + "@" + v.file().orElse(""), v, (a, b) -> a.covered() ? a : b));
  }
}
