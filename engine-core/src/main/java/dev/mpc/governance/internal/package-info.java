/** Internal helpers of the governance package (strict JSON and base64 checks). */
package dev.mpc.governance.internal;
