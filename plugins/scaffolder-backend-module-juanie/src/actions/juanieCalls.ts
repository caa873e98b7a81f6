import {
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

/**
 * Runs a call to Juanie's API and turns a refusal into the matching Backstage error, with a
 * message that says what the step was doing and what Juanie answered, e.g.
 * `Creating project acme/checkout failed: Juanie answered 409: Project 'checkout' already exists in acme`.
 */
export async function callJuanie<T>(
  doing: string,
  call: () => Promise<T>,
  hints: Partial<Record<number, string>> = {},
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!ResponseError.is(error)) throw error;
    const said = error.body?.error?.message ?? error.message;
    const hint = hints[error.statusCode] ? `. ${hints[error.statusCode]}` : '';
    const message = `${doing} failed: Juanie answered ${error.statusCode}: ${said}${hint}`;
    switch (error.statusCode) {
      case 400:
        throw new InputError(message, error);
      case 401:
      case 403:
        throw new NotAllowedError(message, error);
      case 404:
        throw new NotFoundError(message, error);
      case 409:
        throw new ConflictError(message, error);
      default:
        throw new ForwardedError(message, error);
    }
  }
}

/** Parses with a schema of juanie-common, or throws an InputError naming what is wrong. */
export function parseJuanieInput<T>(
  schema: {
    safeParse(value: unknown):
      | { success: true; data: T }
      | {
          success: false;
          error: { issues: Array<{ path: PropertyKey[]; message: string }> };
        };
  },
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map(issue =>
      issue.path.length
        ? `${issue.path.map(String).join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
  throw new InputError(`Invalid ${what}: ${problems}`);
}
