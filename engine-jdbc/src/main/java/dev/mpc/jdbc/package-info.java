/** JDBC adapters of MPC's persistence ports (PostgreSQL 16 and H2). */
package dev.mpc.jdbc;
