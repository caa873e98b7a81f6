import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { GitIdentity } from './isolatedGit';

/** The person running the template, as git author; Backstage's scaffolder identity otherwise. */
export function gitAuthorOf(
  ctx: Pick<ActionContext<any>, 'user'>,
  input: { gitAuthorName?: string; gitAuthorEmail?: string },
): GitIdentity {
  const profile = ctx.user?.entity?.spec?.profile;
  return {
    name:
      input.gitAuthorName ??
      profile?.displayName ??
      ctx.user?.entity?.metadata.name ??
      'Scaffolder',
    email: input.gitAuthorEmail ?? profile?.email ?? 'scaffolder@backstage.io',
  };
}
