/** The category handlers MPC ships; each is registered in {@link dev.mpc.conformance.Handlers#standard()}. */
package dev.mpc.conformance.handlers;
