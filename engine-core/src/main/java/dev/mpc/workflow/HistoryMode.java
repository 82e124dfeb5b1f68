package dev.mpc.workflow;

/** The history a compound or parallel state keeps when it is left (engines.md §7.9, docs/workflow.md). */
public enum HistoryMode {
  /** No history: re-entering enters the default (initial) configuration. */
  NONE,
  /** Remembers the active direct children; re-entering restores them and enters their default configuration below. */
  SHALLOW,
  /** Remembers every active descendant; re-entering restores exactly that configuration. */
  DEEP
}
