package dev.mpc.spring.internal;

import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.ActivePointerStore;
import dev.mpc.jdbc.JdbcActivationLedger;
import dev.mpc.jdbc.JdbcActivePointerStore;
import dev.mpc.jdbc.JdbcWorkflowStore;
import dev.mpc.workflow.WorkflowStore;
import java.sql.Connection;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/** The engine-jdbc adapters; loaded only when engine-jdbc is on the classpath. */
final class JdbcSupport {
  private JdbcSupport() {}

  static final String MARKER = "dev.mpc.jdbc.JdbcWorkflowStore";

  static ActivePointerStore pointers(DataSource ds) {
    return new JdbcActivePointerStore(ds);
  }

  static ActivationLedger ledger(DataSource ds) {
    return new JdbcActivationLedger(ds);
  }

  static dev.mpc.governance.BundleStore bundles(DataSource ds) {
    return new dev.mpc.jdbc.JdbcBundleStore(ds);
  }

  static WorkflowStore workflows(DataSource ds) {
    return new JdbcWorkflowStore(ds);
  }

  /** A probe that asks the database to validate a connection within {@code seconds}. */
  static Callable<Void> probe(DataSource ds, int seconds) {
    return () -> {
      try (Connection c = ds.getConnection()) {
        if (!c.isValid(seconds)) {
          throw new IllegalStateException("the database did not validate a connection within " + seconds + " s");
        }
      }
      return null;
    };
  }
}
