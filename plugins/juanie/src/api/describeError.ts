import { ResponseError } from '@backstage/errors';

/**
 * The message a user should read: the server's own explanation when the back end
 * refused the request, otherwise the error's message.
 */
export function describeError(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
