/**
 * What every family of configurable components declares and how it is checked: a member's parameters
 * ({@link dev.viewpair.catalog.Param}, {@link dev.viewpair.catalog.ParamType}), the rules between them
 * ({@link dev.viewpair.catalog.Constraint}), the checks a recipe's values get ({@link dev.viewpair.catalog.ParamChecks},
 * with "did you mean" from {@link dev.viewpair.catalog.Suggest}), and a family's members by name
 * ({@link dev.viewpair.catalog.Catalog}). Ops, encoder types, bounds, critics, optimizers, schedules and dataset
 * types are each declared once in their own module's catalogue, built from these pieces; validation, the resolved
 * recipe, listings and the docs read them from there. This module imports nothing of viewpair's.
 */
package dev.viewpair.catalog;
