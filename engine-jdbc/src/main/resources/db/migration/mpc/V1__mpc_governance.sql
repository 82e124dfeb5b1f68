-- MPC for the JVM: governance tables (active pointers and the activation ledger).
-- Portable SQL for PostgreSQL 16 and H2 2.x; re-running it changes nothing (IF NOT EXISTS).
-- Flyway-compatible: add classpath:db/migration/mpc to the host's Flyway locations.

CREATE TABLE IF NOT EXISTS mpc_active_pointer (
  tenant        VARCHAR(200) NOT NULL,
  namespace     VARCHAR(200) NOT NULL,
  artifact_hash VARCHAR(200) NOT NULL,
  bundle_digest VARCHAR(200) NOT NULL,
  sequence_no   BIGINT       NOT NULL,
  mode          VARCHAR(40)  NOT NULL,
  PRIMARY KEY (tenant, namespace)
);

-- One row per ledger record; id is the record's position (1, 2, ...): the primary key makes two
-- appenders racing for the same position collide, so the chain has no fork and no hole.
CREATE TABLE IF NOT EXISTS mpc_activation_ledger (
  id              BIGINT        NOT NULL PRIMARY KEY,
  tenant          VARCHAR(200)  NOT NULL,
  namespace       VARCHAR(200)  NOT NULL,
  idempotency_key VARCHAR(400)  NOT NULL,
  prev_hash       CHAR(64)      NOT NULL,
  record_hash     CHAR(64)      NOT NULL,
  record_json     VARCHAR(65535) NOT NULL
);

-- The logical key is unique at the database level.
CREATE UNIQUE INDEX IF NOT EXISTS mpc_activation_ledger_logical_key
  ON mpc_activation_ledger (tenant, namespace, idempotency_key);
