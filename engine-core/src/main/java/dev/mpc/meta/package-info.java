/**
 * DomainMeta: the host application's declaration of what manifests may contain (kinds with their
 * properties and value types, events, functions with their costs), its hash form, and the diff
 * that classifies a change of DomainMeta as breaking or not.
 */
package dev.mpc.meta;
