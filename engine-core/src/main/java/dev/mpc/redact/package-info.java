/**
 * Redaction: {@link dev.mpc.redact.Redactor} masks secrets in JSON values, free text, decisions,
 * traces and diagnostics, by key (deny keys, glob patterns over member paths) and by value
 * ({@link dev.mpc.redact.Detector}s for URL passwords, authorization values, JWTs, card numbers
 * and {@code key=value} pairs in text). See {@code docs/decisions.md}, section "Redaction".
 */
package dev.mpc.redact;
