/**
 * The built-in schemas of the engines' definition kinds ({@code Policy}, {@code ACL},
 * {@code Workflow}, {@code Condition}): property names, types and allowed values, checked at
 * compile time by {@code dev.mpc.dsl.validate.Validator}. {@link dev.mpc.dsl.schema.EngineSchemas}
 * is the table; each kind is one {@link dev.mpc.dsl.schema.DefinitionSchema}.
 */
package dev.mpc.dsl.schema;
