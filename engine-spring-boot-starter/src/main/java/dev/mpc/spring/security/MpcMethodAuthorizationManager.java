package dev.mpc.spring.security;

import dev.mpc.contract.Decision;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.spring.MpcDecisions;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Method authorization by MPC for {@link MpcAuthorize}: the engine decides before the method
 * runs; an engine or expression failure denies ({@code E_INTERNAL}, nothing internal shown).
 */
public final class MpcMethodAuthorizationManager implements AuthorizationManager<MethodInvocation> {
  private static final SpelExpressionParser PARSER = new SpelExpressionParser();
  private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

  private final MpcDecisions decisions;
  private final MpcActorResolver actors;
  private final Clock clock;
  private final ConcurrentHashMap<String, Expression> expressions = new ConcurrentHashMap<>();

  /**
   * A manager asking {@code decisions} about the actors {@code actors} resolves.
   *
   * @param decisions the decisions
   * @param actors the actors
   * @param clock the clock
   */
  public MpcMethodAuthorizationManager(MpcDecisions decisions, MpcActorResolver actors, Clock clock) {
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.actors = Objects.requireNonNull(actors, "actors");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public AuthorizationResult authorize(Supplier<Authentication> authentication, MethodInvocation invocation) {
    Decision d;
    try {
      Method method = invocation.getMethod();
      Class<?> target = invocation.getThis() == null ? method.getDeclaringClass() : AopUtils.getTargetClass(invocation.getThis());
      Method specific = AopUtils.getMostSpecificMethod(method, target);
      MpcAuthorize a = AnnotatedElementUtils.findMergedAnnotation(specific, MpcAuthorize.class);
      if (a == null) {
        a = AnnotatedElementUtils.findMergedAnnotation(target, MpcAuthorize.class);
      }
      if (a == null) {
        return null; // not ours to decide
      }
      String id = "";
      if (!a.id().isEmpty()) {
        Expression e = expressions.computeIfAbsent(a.id(), PARSER::parseExpression);
        Object value = e.getValue(new MethodBasedEvaluationContext(null, specific, invocation.getArguments(), NAMES));
        id = value == null ? "" : value.toString();
      }
      d = decisions.decide(SecurityEvents.event(clock, actors.actorOf(authentication.get()), a.resource(), id,
          a.action()));
    } catch (RuntimeException e) {
      d = failed(e);
    }
    return new MpcAuthorizationDecision(d);
  }

  /** {@inheritDoc} (the deprecated form of {@link #authorize}). */
  @Override
  @Deprecated
  public MpcAuthorizationDecision check(Supplier<Authentication> authentication, MethodInvocation invocation) {
    return (MpcAuthorizationDecision) authorize(authentication, invocation);
  }

  static Decision failed(RuntimeException e) {
    org.slf4j.LoggerFactory.getLogger("dev.mpc.spring").warn("MPC authorization failed closed", e);
    return Decision.deny(List.of(Reason.of(Code.E_INTERNAL, "The authorization check failed; the request is denied")));
  }
}
