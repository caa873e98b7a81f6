import { CustomErrorBase } from '@backstage/errors';

/** A URL without user name or password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

/** Why a call to a git remote failed, as the caller may be told. */
export type RemoteGitFailure = 'refused' | 'unresolved' | 'timeout' | 'failed';

/**
 * A call to a git remote that failed, with a message that says what the caller can act on and
 * nothing of git's own output (that goes to the log: it would answer questions about hosts
 * and paths the caller has no business asking). 400 for a URL the rules refuse (checked again
 * before every call), 504 for a remote that did not answer in time, 502 otherwise.
 */
export class RemoteGitError extends CustomErrorBase {
  readonly statusCode: number;

  constructor(
    readonly failure: RemoteGitFailure,
    url: string,
    reason?: string,
    options?: { timeoutSeconds?: number },
  ) {
    const shown = redactUrl(url);
    super(
      {
        refused: `${shown} may not be contacted: ${reason}`,
        unresolved: `The host of ${shown} could not be resolved`,
        timeout: `${shown} did not answer within ${
          options?.timeoutSeconds ?? '?'
        } s (juanie.git.timeoutSeconds)`,
        failed: `${shown} could not be read or written: it does not exist, is not a git repository, or refused access`,
      }[failure],
    );
    this.statusCode = {
      refused: 400,
      unresolved: 502,
      timeout: 504,
      failed: 502,
    }[failure];
  }
}
