package dev.mpc.spring.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks MPC before the annotated method runs: the event {@code <resource>.<action>} on the object
 * of type {@link #resource} whose id is the SpEL expression {@link #id} over the method's
 * arguments ({@code #id}, {@code #p0}). A deny throws Spring Security's
 * {@code AuthorizationDeniedException} carrying the {@link MpcAuthorizationDecision}, which the
 * starter answers with 403 Problem Details listing the reasons.
 *
 * <pre>{@code
 * @MpcAuthorize(resource = "Order", action = "delete", id = "#orderId")
 * public void delete(String orderId) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MpcAuthorize {
  /**
   * The object type (DomainMeta kind).
   *
   * @return the object type (DomainMeta kind)
   */
  String resource();

  /**
   * The action (read, create, update, delete, or a custom one such as approve).
   *
   * @return the action (read, create, update, delete, or a custom one such as approve)
   */
  String action();

  /**
   * A SpEL expression over the arguments giving the object id; empty for {@code *}.
   *
   * @return a SpEL expression over the arguments giving the object id
   */
  String id() default "";
}
