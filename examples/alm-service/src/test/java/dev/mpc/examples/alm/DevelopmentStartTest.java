package dev.mpc.examples.alm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With no environment at all the service starts (H2 in a file under the working directory, quotas
 * in memory, a generated key) and the README's curl session works: a dev token, upload, activate,
 * create, transition, decide (staging offers no dev tokens: TwoInstancesTest).
 */
class DevelopmentStartTest {
  @Test
  void noSetupAtAll_theReadmeSessionWorks() throws Exception {
    Path work = Files.createTempDirectory("alm-dev");
    try (ConfigurableApplicationContext app = AlmApplication.start(Map.of(), work, "--server.port=0")) {
      Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
      assertTrue(Files.exists(work.resolve("data").resolve("alm.mv.db")), "the development database is a file");
      assertEquals(200, http.get("/health/ready", null).status());
      String token = http.post("/api/v1/dev/token", null,
          "{\"sub\":\"ada\",\"tenant\":\"acme\",\"roles\":[\"admin\",\"developer\"]}").json().get("token").asText();
      String manifest = Files.readString(Path.of("src/main/resources/manifests/alm.mpc")).replace("alm-defaults", "acme");
      Http.Res up = http.post("/api/v1/manifests", token, manifest);
      assertEquals(201, up.status(), up.body());
      String hash = up.json().get("hash").asText();
      Http.Res act = http.post("/api/v1/manifests/" + hash + "/activate", token, null, "Idempotency-Key", "first");
      assertEquals(200, act.status(), act.body());
      Http.Res created = http.post("/api/v1/defects", token, "{\"title\":\"Login fails\",\"severity\":\"high\"}");
      assertEquals(201, created.status(), created.body());
      String id = created.json().get("id").asText();
      Http.Res moved = http.post("/api/v1/defects/" + id + "/transitions/start", token, null);
      assertEquals("in_progress", moved.json().get("state").asText(), moved.body());
      Http.Res decided = http.post("/api/v1/decisions?explain=true", token, "{\"name\":\"defect.read\","
          + "\"kind\":\"custom\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"actor\":{\"id\":\"x\",\"type\":\"user\"},"
          + "\"object\":{\"type\":\"Defect\",\"id\":\"" + id + "\"},\"payload\":{\"action\":\"read\"}}");
      assertTrue(decided.json().get("allow").asBoolean(), decided.body());
    }
  }
}
