/**
 * Internals of the decision engines: the compiled, indexed form of an artifact (policies bucketed
 * by what they match on, ACL rules per resource and action, role closures, compiled expressions)
 * and the evaluation pipeline. Not API: only {@code dev.mpc.engine} is exported.
 */
package dev.mpc.engine.internal;
