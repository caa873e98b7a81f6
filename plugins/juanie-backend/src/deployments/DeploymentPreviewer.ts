import { ConflictError, InputError } from '@backstage/errors';
import { DeploymentPreview, deploymentPreviewSchema } from '@juanie/plugin-juanie-common';
import { z } from 'zod';
import { GitOpsWorkingCopy, ManifestWork, unifiedDiff } from '../gitops';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { PolicyService } from '../policies/PolicyService';
import { EnvironmentRecord } from '../projects/EnvironmentStore';
import { ProjectRecord } from '../projects/ProjectStore';
import { RepositoryService } from '../repositories/RepositoryService';

/**
 * Renders a requested change against the environment's GitOps path at the branch head:
 * the new files, their diff, the validation result and the policy violations.
 */
export class DeploymentPreviewer {
  constructor(
    private readonly deps: {
      /** Edits and validates on a manifest worker, off the request thread. */
      manifests: ManifestWork;
      repositories: RepositoryService;
      policies: PolicyService;
      workingCopyFor(url: string, org: string): GitOpsWorkingCopy;
      now?: () => Date;
    },
  ) {}

  async preview(
    org: OrganizationRecord,
    project: ProjectRecord,
    env: EnvironmentRecord,
    request: z.output<typeof deploymentPreviewSchema>,
  ): Promise<DeploymentPreview> {
    assertNotArchived(project);
    if (!env.gitops) {
      throw new InputError(
        `Environment ${env.slug} has no GitOps target; set its repository, branch and path first`,
      );
    }
    const repository = await this.deps.repositories.get(project, env.gitops.repositoryId);
    const workingCopy = this.deps.workingCopyFor(repository.url, project.org);
    const { revision, files, links } = await workingCopy.readSnapshot(env.gitops.branch, env.gitops.path);
    if (request.baseRevision && request.baseRevision !== revision) {
      // The caller previewed an older head; the request re-applies on the new one at commit time.
      const moved = await workingCopy.isAncestor(request.baseRevision, revision).catch(() => false);
      if (!moved) {
        throw new ConflictError(
          `Base revision ${request.baseRevision} is not on branch ${env.gitops.branch}; preview again`,
        );
      }
    }
    const { edit, validation } = await this.deps.manifests.run({
      kind: 'preview',
      request: { files, links, workload: request.workload, change: request.changes },
    });
    const after = { ...files, ...edit.files };
    const evaluation = await this.deps.policies.evaluate({
      org: org.slug,
      project: project.slug,
      environment: {
        slug: env.slug,
        kind: env.kind,
        requiredApprovals: env.approval.requiredApprovals,
        allowSelfApproval: env.approval.allowSelfApproval,
      },
      files: Object.fromEntries(Object.entries(after).filter(([file]) => !file.startsWith('../'))),
      at: this.deps.now?.() ?? new Date(),
    });
    const before = Object.fromEntries(Object.keys(edit.files).map(file => [file, files[file] ?? '']));
    return {
      baseRevision: revision,
      files: edit.files,
      filesBefore: before,
      changes: edit.changes,
      diff: unifiedDiff(before, edit.files, { pathPrefix: env.gitops.path }),
      validation,
      notes: [
        ...edit.notes,
        ...edit.changes.flatMap(change => (change.note ? [change.note] : [])),
      ],
      violations: evaluation.violations,
      enforced: evaluation.enforced,
    };
  }
}

/** An archived project is read-only: no previews, deployment requests or rollbacks (409). */
export function assertNotArchived(project: ProjectRecord) {
  if (project.archivedAt) {
    throw new ConflictError(`Project ${project.slug} is archived; unarchive it to deploy`);
  }
}
