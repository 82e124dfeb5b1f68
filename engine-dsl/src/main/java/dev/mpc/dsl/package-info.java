/**
 * The manifest compiler: front ends that turn manifest text (DSL, YAML, JSON) into the canonical
 * AST, validation against DomainMeta, imports and overlays, and the registry compiler that
 * produces immutable artifacts. Nothing here is needed at run time: runtime modules load compiled
 * artifacts.
 */
package dev.mpc.dsl;
