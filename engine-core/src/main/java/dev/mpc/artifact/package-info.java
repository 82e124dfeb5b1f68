/**
 * Compiled artifacts: the immutable, hash-identified unit the runtime loads. An
 * {@link dev.mpc.artifact.Artifact} holds the canonical manifest, the DomainMeta it was compiled
 * against, an index of its definitions for the engines (by kind, by reference, dependency graph,
 * resolved {@code extends} chains and property types), and its {@link dev.mpc.artifact.Provenance}.
 * It serializes to canonical JSON and loads back (verifying every hash) without the compiler.
 */
package dev.mpc.artifact;
