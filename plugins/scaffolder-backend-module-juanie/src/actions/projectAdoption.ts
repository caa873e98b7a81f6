import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CreateEnvironmentRequest,
  Environment,
  Project,
} from '@juanie/plugin-juanie-common';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { callJuanie } from './juanieCalls';

/** How an environment Juanie holds differs from the one a run asks for, or undefined. */
function differenceOf(
  held: Environment,
  wanted: CreateEnvironmentRequest | undefined,
  order: number,
): string | undefined {
  if (!wanted)
    return `it has environment ${held.slug}, which this run does not ask for`;
  const approvers = (list?: string[]) => [...(list ?? [])].sort().join(',');
  const differences = [
    held.order !== order &&
      `at position ${held.order + 1} instead of ${order + 1}`,
    held.kind !== wanted.kind &&
      `of kind ${held.kind} instead of ${wanted.kind}`,
    held.approval.requiredApprovals !==
      (wanted.approval?.requiredApprovals ?? 0) &&
      `needing ${held.approval.requiredApprovals} approvals instead of ${
        wanted.approval?.requiredApprovals ?? 0
      }`,
    approvers(held.approval.approvers) !==
      approvers(wanted.approval?.approvers) && 'with other approvers',
    wanted.cluster !== undefined &&
      held.cluster !== wanted.cluster &&
      `in cluster ${held.cluster ?? '(default)'} instead of ${wanted.cluster}`,
  ].filter(Boolean);
  return differences.length
    ? `its environment ${held.slug} is ${differences.join(', ')}`
    : undefined;
}

/**
 * An earlier run of the same template that stopped half-way leaves a project behind; running
 * the template again with the same values completes it instead of refusing the slug. A
 * project is adopted only when all of these hold, and refused otherwise (nothing is changed):
 * - the person running the template owns it (they created it);
 * - its environments are the first of those the run asks for, in the same order, with the
 *   same kind, approval rule and cluster;
 * - it is unfinished: some environment the run asks for is missing or has no GitOps target
 *   yet (a finished project is someone's working project, never taken over).
 *
 * Returns the project's environments when it is adopted, undefined when there is no project.
 */
export async function adoptableProject(
  client: JuanieServiceClient,
  where: {
    org: string;
    slug: string;
    environments: CreateEnvironmentRequest[];
  },
  credentials: BackstageCredentials,
): Promise<{ project: Project; environments: Environment[] } | undefined> {
  const { org, slug } = where;
  const name = `${org}/${slug}`;
  const project = await callJuanie(`Looking up project ${name}`, () =>
    client.getProject(org, slug, { credentials }),
  );
  if (!project) return undefined;
  const refuse = (why: string) =>
    new ConflictError(
      `Project ${name} already exists: the slug ${slug} is taken in ${org}, choose another name. Nothing was created. (An unfinished project is completed by a run with the same values, but ${why})`,
    );
  if (project.archivedAt) throw refuse('it is archived');
  if (project.myRole !== 'owner') throw refuse('you do not own it');
  const environments = await callJuanie(
    `Reading the environments of ${name}`,
    () => client.listEnvironments(org, slug, { credentials }),
  );
  const differences = environments
    .map(env =>
      differenceOf(
        env,
        where.environments.find(e => e.slug === env.slug),
        where.environments.findIndex(e => e.slug === env.slug),
      ),
    )
    .filter((d): d is string => Boolean(d));
  if (differences.length) throw refuse(differences.join('; '));
  const finished = where.environments.every(
    wanted => environments.find(env => env.slug === wanted.slug)?.gitops,
  );
  if (finished) {
    throw refuse(
      'it is finished: every environment deploys from its GitOps layout',
    );
  }
  return { project, environments };
}
