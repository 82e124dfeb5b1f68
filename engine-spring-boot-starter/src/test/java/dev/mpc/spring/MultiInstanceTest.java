package dev.mpc.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.LedgerRecord;
import dev.mpc.governance.Scope;
import dev.mpc.spring.internal.MpcStores;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several instances of one host over one database: the first start activates the manifest, the
 * others replay it (the ledger holds one record) and serve the same artifact; a host without a
 * DataSource is told, in one warning, that its stores are in memory.
 */
@ExtendWith(OutputCaptureExtension.class)
class MultiInstanceTest {
  private static ConfigurableApplicationContext start(String... props) {
    return new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.SERVLET).properties("server.port=0")
        .properties(props).run();
  }

  @Test
  void threeInstancesOverOneDatabase_activateOnce_andServeTheSameArtifact() {
    String db = "spring.datasource.url=jdbc:h2:mem:multi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (ConfigurableApplicationContext a = start(db); ConfigurableApplicationContext b = start(db);
        ConfigurableApplicationContext c = start(db)) {
      Scope scope = new Scope("default", "default");
      String hash = a.getBean(GovernedRuntime.class).active(scope).orElseThrow().artifactHash();
      for (ConfigurableApplicationContext ctx : List.of(b, c)) {
        GovernedRuntime rt = ctx.getBean(GovernedRuntime.class);
        assertEquals(hash, rt.active(scope).orElseThrow().artifactHash());
        assertTrue(rt.readiness().ready(), rt.readiness().toString());
      }
      List<LedgerRecord> records = c.getBean(GovernedRuntime.class).history(scope);
      assertEquals(1, records.size(), "one activation for three starts: " + records);
      assertEquals("jdbc", b.getBean(MpcStores.class).kind());
    }
  }

  @Test
  void withoutADataSource_theStoresAreInMemory_withOneWarning(CapturedOutput output) {
    try (ConfigurableApplicationContext ctx = start("spring.autoconfigure.exclude="
        + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration")) {
      assertEquals("memory", ctx.getBean(MpcStores.class).kind());
      assertTrue(output.getOut().contains("MPC keeps active pointers, the activation ledger and workflow instances in"
          + " memory: there is no DataSource bean"), "the warning names why");
    }
  }
}
