/**
 * JDBC adapters of MPC's persistence ports over a host {@link javax.sql.DataSource}
 * (PostgreSQL 16 and H2 2.x): {@link dev.mpc.jdbc.JdbcWorkflowStore},
 * {@link dev.mpc.jdbc.JdbcActivePointerStore} and {@link dev.mpc.jdbc.JdbcActivationLedger}.
 *
 * <p>The schema ships as Flyway-compatible migrations under {@code classpath:db/migration/mpc}
 * ({@code V1__mpc_governance.sql}, {@code V2__mpc_workflow.sql}); run them with the host's Flyway
 * (or by hand: re-running them changes nothing). The adapters never alter a schema. See
 * docs/hosting.md.
 */
package dev.mpc.jdbc;
