package dev.mpc.examples.alm;

import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health/live} (200 while the process runs) and {@code GET /health/ready} (200 only
 * when the database answers, Redis answers {@code PING} when configured and a verified artifact
 * is active, each probe bounded to 2 s; otherwise 503 naming the failing check): Actuator's
 * liveness and readiness groups at the paths load balancers expect.
 */
@RestController
public class HealthController {
  private final HealthEndpoint health;

  HealthController(HealthEndpoint health) {
    this.health = health;
  }

  /** Liveness. */
  @GetMapping("/health/live")
  public ResponseEntity<HealthComponent> live() {
    return of(health.healthForPath("liveness"));
  }

  /** Readiness. */
  @GetMapping("/health/ready")
  public ResponseEntity<HealthComponent> ready() {
    return of(health.healthForPath("readiness"));
  }

  private static ResponseEntity<HealthComponent> of(HealthComponent h) {
    return ResponseEntity.status(h != null && Status.UP.equals(h.getStatus()) ? 200 : 503).body(h);
  }
}
