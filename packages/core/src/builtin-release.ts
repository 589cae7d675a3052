/**
 * The release of custra's ready-made grading schemes and playbooks. The database keeps the
 * release it holds, so opening it compares two numbers instead of loading every definition (and
 * zod with them) on each start; a new release makes the next open store the changed ones.
 * Raise it with any change to BUILTIN_SCHEMES or BUILTIN_PLAYBOOKS: builtin-release.test.ts
 * pins their content to this number and fails until it is raised.
 */
export const BUILTIN_DEFINITIONS_RELEASE = 1;
