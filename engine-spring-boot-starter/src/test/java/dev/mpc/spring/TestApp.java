package dev.mpc.spring;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.json.Json;
import dev.mpc.spring.security.MpcAccessDeniedHandler;
import dev.mpc.spring.security.MpcAuthorize;
import dev.mpc.spring.security.MpcRequestAuthorizationManager;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A host app: the starter, a security chain asking MPC, and a few endpoints. */
@SpringBootApplication
public class TestApp {
  @Bean
  SecurityFilterChain chain(HttpSecurity http, MpcRequestAuthorizationManager mpcRequests,
      MpcAccessDeniedHandler denied) throws Exception {
    http.csrf(c -> c.disable()).httpBasic(Customizer.withDefaults())
        .authorizeHttpRequests(a -> a.requestMatchers("/actuator/**").permitAll()
            .requestMatchers(HttpMethod.GET, "/orders/{id}").access(mpcRequests.resource("order", "id"))
            .anyRequest().authenticated())
        .exceptionHandling(e -> e.accessDeniedHandler(denied));
    return http.build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("vic").password("{noop}pw").roles("viewer").build(),
        User.withUsername("ada").password("{noop}pw").roles("admin").build(),
        User.withUsername("nobody").password("{noop}pw").authorities("SCOPE_x").build());
  }

  /** Deletes orders; MPC decides first. */
  @Service
  public static class Orders {
    /** Deletes {@code id}. */
    @MpcAuthorize(resource = "order", action = "delete", id = "#id")
    public String delete(String id) {
      return "deleted " + id;
    }
  }

  @RestController
  static class Api {
    private final MpcDecisions mpc;
    private final MpcManifests manifests;
    private final Orders orders;

    Api(MpcDecisions mpc, MpcManifests manifests, Orders orders) {
      this.mpc = mpc;
      this.manifests = manifests;
      this.orders = orders;
    }

    @GetMapping("/orders/{id}")
    Map<String, String> read(@PathVariable String id) {
      return Map.of("id", id);
    }

    @DeleteMapping("/orders/{id}")
    Map<String, String> delete(@PathVariable String id) {
      return Map.of("result", orders.delete(id));
    }

    @PostMapping(value = "/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
    String decide(@RequestBody String body, @RequestParam(defaultValue = "false") boolean explain) {
      EventEnvelope event = ContractJson.readEvent(body, ContractJson.Strictness.LENIENT).orElseThrow();
      Decision d = mpc.decide(event, explain);
      return Json.write(ContractJson.toJson(d));
    }

    @PostMapping(value = "/manifests", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> upload(@RequestBody String text) {
      Artifact a = manifests.compileOrThrow(text, null);
      return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("hash", a.hash()));
    }
  }
}
