/**
 * What a template dry run passes on for the outputs of steps that cannot dry run themselves
 * (publish:github, publish:gitlab): the scaffolder fills their output schema with `<example>`.
 * An action fed one in a dry run cannot judge that input, and must not fail the dry run on it.
 */
export const DRY_RUN_PLACEHOLDER = '<example>';

/** Whether a dry run handed the action the scaffolder's placeholder instead of a real value. */
export function isDryRunPlaceholder(
  ctx: { isDryRun?: boolean },
  value: unknown,
): boolean {
  return Boolean(ctx.isDryRun) && value === DRY_RUN_PLACEHOLDER;
}
