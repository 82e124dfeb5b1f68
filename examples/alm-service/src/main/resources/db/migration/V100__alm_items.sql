-- The ALM service's own tables. MPC's migrations (classpath:db/migration/mpc) use V1..V99;
-- the service's start at V100 so that one Flyway history holds both.
CREATE TABLE IF NOT EXISTS alm_item (
  tenant         VARCHAR(200)  NOT NULL,
  id             VARCHAR(64)   NOT NULL,
  kind           VARCHAR(20)   NOT NULL,
  title          VARCHAR(200)  NOT NULL,
  description    VARCHAR(10000) NOT NULL,
  severity       VARCHAR(20)   NOT NULL,
  status         VARCHAR(200)  NOT NULL,
  assignee       VARCHAR(200),
  reporter       VARCHAR(200)  NOT NULL,
  reporter_email VARCHAR(320)  NOT NULL,
  parent_id      VARCHAR(64),
  deleted        BOOLEAN       NOT NULL,
  version        BIGINT        NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE INDEX IF NOT EXISTS alm_item_by_kind ON alm_item (tenant, kind, id);
CREATE INDEX IF NOT EXISTS alm_item_by_parent ON alm_item (tenant, parent_id);

-- Artifacts a tenant uploaded (compiled, by hash), before and after activation.
CREATE TABLE IF NOT EXISTS alm_artifact (
  tenant        VARCHAR(200)   NOT NULL,
  hash          VARCHAR(200)   NOT NULL,
  artifact_json VARCHAR(10000000) NOT NULL,
  PRIMARY KEY (tenant, hash)
);
