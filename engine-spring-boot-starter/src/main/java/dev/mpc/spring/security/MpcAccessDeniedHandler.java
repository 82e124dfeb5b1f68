package dev.mpc.spring.security;

import dev.mpc.contract.Decision;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.spring.MpcProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Writes Spring Security's access-denied responses as Problem Details: for a request MPC denied,
 * the Decision's reasons ({@link MpcProblems#problem(Decision)}), else a plain 403.
 */
public final class MpcAccessDeniedHandler implements AccessDeniedHandler {
  private final MpcProblems problems;

  /**
   * A handler rendering with {@code problems}.
   *
   * @param problems the problems
   */
  public MpcAccessDeniedHandler(MpcProblems problems) {
    this.problems = problems;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    Decision d = null;
    if (request.getAttribute(MpcAuthorizationDecision.ATTRIBUTE) instanceof MpcAuthorizationDecision m) {
      d = m.decision();
    } else if (denied instanceof AuthorizationDeniedException a
        && a.getAuthorizationResult() instanceof MpcAuthorizationDecision m) {
      d = m.decision();
    }
    ProblemDetail p = problems.problem(d != null && !d.allow() ? d
        : Decision.deny(List.of(Reason.of(Code.R_ACL_NO_MATCH, "Access denied"))));
    write(response, p);
  }

  /** Writes {@code p} as {@code application/problem+json} with its status (and {@code Retry-After}). */
  static void write(HttpServletResponse response, ProblemDetail p) throws IOException {
    response.setStatus(p.getStatus());
    MpcProblems.retryAfterOf(p).ifPresent(s -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(s)));
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(MpcProblems.toJsonText(p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
