import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  juanieProjectCreatePermission,
  juanieProjectManagePermission,
} from '@juanie/plugin-juanie-common';

/**
 * What the person who runs a template may do in Juanie, asked of Backstage's permission
 * framework with their credentials: the same policy, rules and resources (`<org>` and
 * `<org>/<project>`) that Juanie's own routes check. Actions that write with the scaffolder's
 * own means (integration tokens, files on this machine) ask first, so that a template never
 * does for someone what Juanie would refuse them.
 *
 * A refusal reads the same whether the organisation or project does not exist or the person
 * may not see it, as Juanie's uniform 404 does.
 */
export class InitiatorAccess {
  constructor(private readonly permissions: PermissionsService) {}

  /** Throws unless the person may change the project (`juanie.project.manage`). */
  async requireProjectManager(
    credentials: BackstageCredentials,
    where: { org: string; project: string },
    doing: string,
  ): Promise<void> {
    if (await this.mayManage(credentials, where)) return;
    throw new NotAllowedError(
      `${doing} refused: you may not manage project ${where.org}/${where.project} in Juanie (it needs ${juanieProjectManagePermission.name}), or it does not exist. Nothing was changed`,
    );
  }

  /**
   * Throws unless the person may create projects in the organisation
   * (`juanie.project.create`) or, when a project is named, manage that project.
   */
  async requireProjectCreatorOrManager(
    credentials: BackstageCredentials,
    where: { org: string; project?: string },
    doing: string,
  ): Promise<void> {
    const { org, project } = where;
    if (await this.allows(credentials, juanieProjectCreatePermission, org)) {
      return;
    }
    if (project && (await this.mayManage(credentials, { org, project }))) {
      return;
    }
    throw new NotAllowedError(
      `${doing} refused: you may not create projects in organisation ${org} in Juanie (it needs ${
        juanieProjectCreatePermission.name
      }${
        project
          ? `, or ${juanieProjectManagePermission.name} on ${org}/${project}`
          : ''
      }), or it does not exist. Nothing was changed`,
    );
  }

  private mayManage(
    credentials: BackstageCredentials,
    where: { org: string; project: string },
  ) {
    return this.allows(
      credentials,
      juanieProjectManagePermission,
      `${where.org}/${where.project}`,
    );
  }

  private async allows(
    credentials: BackstageCredentials,
    permission:
      | typeof juanieProjectCreatePermission
      | typeof juanieProjectManagePermission,
    resourceRef: string,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }
}
