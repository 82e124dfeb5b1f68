package dev.mpc.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's (header {@code mpc.web.correlation-header},
 * {@code X-Correlation-Id} by default; 1 to 64 characters of letters, digits and {@code . _ : -},
 * anything else is replaced) or a new random one. It is put in the MDC as
 * {@value MpcDecisions#MDC_KEY} (so every log line of the request carries it), echoed in the
 * response header, becomes each Decision's {@code meta.traceSpanId} and is quoted in Problem
 * Details.
 */
public class MpcCorrelationFilter extends OncePerRequestFilter {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private final String header;

  /**
   * A filter reading and writing {@code header}.
   *
   * @param header the header
   */
  public MpcCorrelationFilter(String header) {
    this.header = header;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(header);
    String id = given != null && VALID.matcher(given).matches() ? given : newId();
    MDC.put(MpcDecisions.MDC_KEY, id);
    response.setHeader(header, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MpcDecisions.MDC_KEY);
    }
  }

  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("%016x%016x", r.nextLong(), r.nextLong());
  }
}
