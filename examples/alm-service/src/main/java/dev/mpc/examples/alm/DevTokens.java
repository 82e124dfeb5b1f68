package dev.mpc.examples.alm;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Development only ({@code ENV=development}): {@code POST /api/v1/dev/token} issues an HS256 token
 * for {@code {"sub":..,"tenant":..,"roles":[..]}}, valid one hour, so the curl session in the
 * README works without an identity provider. Absent in staging and production.
 */
@RestController
@ConditionalOnProperty(name = "alm.env", havingValue = "development")
public class DevTokens {
  private final byte[] key;

  DevTokens(AlmEnvironment env) {
    this.key = env.secretKey();
  }

  /** A token. */
  @PostMapping(value = "/api/v1/dev/token", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, String> token(@RequestBody Map<String, Object> body) throws JOSEException {
    Object roles = body.getOrDefault("roles", List.of());
    return Map.of("token", sign(key, String.valueOf(body.getOrDefault("sub", "dev")),
        String.valueOf(body.getOrDefault("tenant", "acme")), roles instanceof List<?> l
            ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(roles)), 3600));
  }

  /** An HS256 token (also used by the tests). */
  static String sign(byte[] key, String sub, String tenant, List<String> roles, long seconds) throws JOSEException {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(sub).claim("tenant", tenant).claim("roles", roles)
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(seconds))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(key));
    return jwt.serialize();
  }
}
