/**
 * The manifest AST: the single source of truth every front end (DSL, YAML, JSON) produces and
 * every later stage (validation, compilation) consumes. {@link dev.mpc.ast.ManifestAst} is the
 * root, {@link dev.mpc.ast.AstNode} a definition. Both are immutable records; source maps ride
 * along on every node and property but never enter the canonical form or the AST hash.
 */
package dev.mpc.ast;
