-- MPC for the JVM: workflow instances and their append-only transition history.
-- Portable SQL for PostgreSQL 16 and H2 2.x; re-running it changes nothing (IF NOT EXISTS).
-- Flyway-compatible: add classpath:db/migration/mpc to the host's Flyway locations.

-- One row per instance: the snapshot (dev.mpc.workflow.WorkflowJson) and its version, the column
-- every save compares and sets in one UPDATE (optimistic concurrency). workflow_id, state_label
-- and artifact_hash are copies of the snapshot's fields for the host's own queries and indexes.
CREATE TABLE IF NOT EXISTS mpc_workflow_instance (
  instance_id   VARCHAR(400)     NOT NULL PRIMARY KEY,
  workflow_id   VARCHAR(400)     NOT NULL,
  version       BIGINT           NOT NULL,
  state_label   VARCHAR(4000)    NOT NULL,
  artifact_hash VARCHAR(200)     NOT NULL,
  instance_json VARCHAR(1000000) NOT NULL
);

CREATE INDEX IF NOT EXISTS mpc_workflow_instance_by_workflow
  ON mpc_workflow_instance (workflow_id, state_label);

-- One row per history record; the primary key makes a duplicate or a second writer of the same
-- version collide, so the history of an instance is 0, 1, 2, ... with no gap and no duplicate.
CREATE TABLE IF NOT EXISTS mpc_workflow_history (
  instance_id VARCHAR(400)     NOT NULL,
  version     BIGINT           NOT NULL,
  record_json VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (instance_id, version)
);
