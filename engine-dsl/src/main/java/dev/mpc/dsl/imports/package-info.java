/**
 * Import resolution: {@link dev.mpc.dsl.imports.ImportResolver} merges the definitions of the
 * manifests a manifest imports ({@code def Import lib { source: "lib", version: "^1.0.0", alias: "ext" }})
 * into a new AST. Host applications supply importable manifests through the
 * {@link dev.mpc.dsl.imports.ManifestSource} port; the engine never reads files or the network
 * itself ({@link dev.mpc.dsl.imports.DirectoryManifestSource} is a ready-made file-based source for
 * the CLI).
 */
package dev.mpc.dsl.imports;
