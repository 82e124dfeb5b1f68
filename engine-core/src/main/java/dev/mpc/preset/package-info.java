/**
 * Presets: named bundles of limits, feature flags, default functions and the default composition
 * strategy that a host picks instead of configuring each knob. Four standard presets ship in the
 * engine-core jar.
 */
package dev.mpc.preset;
