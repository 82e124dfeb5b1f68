/** Redis adapters of MPC's ports (Lettuce). */
package dev.mpc.redis;
