/**
 * Forms: {@code FormDef} / {@code FieldDef} definitions of an artifact as a
 * {@link dev.mpc.form.FormModel}, and the {@link dev.mpc.form.FormEngine} that renders them as
 * JSON Schema (draft 2020-12) and a react-jsonschema-form UI schema, computes each field's state
 * for an actor (expressions and the ACL of the same artifact) and validates submissions.
 * {@link dev.mpc.form.FormEngine#formPackage} is the one call a UI makes.
 */
package dev.mpc.form;
