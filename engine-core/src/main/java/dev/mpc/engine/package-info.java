/**
 * The decision engine's public entry points. Today: {@link dev.mpc.engine.DecisionComposer}, which
 * combines engine decisions by a compose strategy; the evaluation façade joins it here.
 */
package dev.mpc.engine;
