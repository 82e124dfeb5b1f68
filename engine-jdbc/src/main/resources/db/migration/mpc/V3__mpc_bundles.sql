-- MPC for the JVM: the content-addressed store of activated bundles, so every instance (and a
-- later rollback) loads and verifies again exactly the bytes that were activated.
-- Portable SQL for PostgreSQL 16 and H2 2.x; re-running it changes nothing (IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS mpc_bundle (
  digest VARCHAR(200) NOT NULL PRIMARY KEY,
  bytes  BYTEA        NOT NULL
);
