package dev.mpc.spring.security;

import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.spring.MpcDecisions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * HTTP request authorization by MPC: each request becomes an event on a resource (the HTTP method
 * gives the action: GET read, POST create, PUT/PATCH update, DELETE delete; the event is
 * {@code <resource>.<action>} with {@code payload.action}), the engine decides, and the
 * {@link MpcAuthorizationDecision} (also left in the request attribute
 * {@link MpcAuthorizationDecision#ATTRIBUTE} for {@link MpcAccessDeniedHandler}) grants exactly
 * when the Decision allows. An engine failure denies.
 *
 * <pre>{@code
 * http.authorizeHttpRequests(a -> a
 *     .requestMatchers("/orders/{id}").access(mpcRequests.resource("Order", "id"))
 *     .anyRequest().authenticated())
 *   .exceptionHandling(e -> e.accessDeniedHandler(mpcAccessDeniedHandler));
 * }</pre>
 */
public final class MpcRequestAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {
  /** Which resource (object type and id) a request is about. */
  @FunctionalInterface
  public interface ResourceResolver {
    /**
     * The object of {@code context}: its type and id ({@code *} for collections).
     *
     * @param context the context
     * @return the object of {@code context}
     */
    String[] typeAndId(RequestAuthorizationContext context);
  }

  private final MpcDecisions decisions;
  private final MpcActorResolver actors;
  private final ResourceResolver resources;
  private final Clock clock;

  MpcRequestAuthorizationManager(MpcDecisions decisions, MpcActorResolver actors, ResourceResolver resources,
      Clock clock) {
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.actors = Objects.requireNonNull(actors, "actors");
    this.resources = Objects.requireNonNull(resources, "resources");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A manager without a resource mapping yet: call {@link #resource} or {@link #withResources}
   * for each group of request matchers (used as it is, it denies every request, naming the
   * missing mapping in the log).
   *
   * @param decisions the decisions
   * @param actors the actors
   * @param clock the clock
   * @return a manager without a resource mapping yet
   */
  public static MpcRequestAuthorizationManager of(MpcDecisions decisions, MpcActorResolver actors, Clock clock) {
    return new MpcRequestAuthorizationManager(decisions, actors, c -> {
      throw new IllegalStateException("no resource mapping for " + c.getRequest().getRequestURI()
          + ": use mpcRequests.resource(type, idVariable) or withResources(...)");
    }, clock);
  }

  /**
   * A manager for the same engine and actors about other resources.
   *
   * @param resources the resources
   * @return a manager for the same engine and actors about other resources
   */
  public MpcRequestAuthorizationManager withResources(ResourceResolver resources) {
    return new MpcRequestAuthorizationManager(decisions, actors, resources, clock);
  }

  /**
   * A manager for requests about objects of {@code type} whose id is the path variable {@code idVariable}.
   *
   * @param type the type
   * @param idVariable the id variable
   * @return a manager for requests about objects of {@code type} whose id is the path variable {@code idVariable}
   */
  public MpcRequestAuthorizationManager resource(String type, String idVariable) {
    Objects.requireNonNull(type, "type");
    return withResources(c -> new String[] {type, c.getVariables().getOrDefault(idVariable, "*")});
  }

  @Override
  public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    HttpServletRequest request = context.getRequest();
    Decision d;
    try {
      String[] typeAndId = resources.typeAndId(context);
      EventEnvelope event = SecurityEvents.event(clock, actors.actorOf(authentication.get()), typeAndId[0],
          typeAndId[1], SecurityEvents.actionOf(request.getMethod()));
      d = decisions.decide(event);
    } catch (RuntimeException e) {
      d = MpcMethodAuthorizationManager.failed(e);
    }
    MpcAuthorizationDecision result = new MpcAuthorizationDecision(d);
    request.setAttribute(MpcAuthorizationDecision.ATTRIBUTE, result);
    return result;
  }

  /** {@inheritDoc} (the deprecated form of {@link #authorize}). */
  @Override
  @Deprecated
  public MpcAuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    return (MpcAuthorizationDecision) authorize(authentication, context);
  }
}
