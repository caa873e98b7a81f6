import { Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { EnvironmentOverview } from '../../hooks/environmentOverview';
import { deploymentRouteRef } from '../../routes';
import { CommitLink } from '../shared/CommitLink';
import { describeAge } from '../shared/describeAge';
import { imageReference } from '../shared/describeDeployment';

/**
 * What runs in an environment: the image and commit of its newest successful
 * deployment, else the commit Flux last applied.
 */
export function EnvironmentVersion(props: { overview: EnvironmentOverview }) {
  const { current, gitops } = props.overview;
  const deploymentLink = useRouteRef(deploymentRouteRef);

  if (current) {
    const image = current.changes?.image;
    return (
      <>
        <Typography variant="body2" component="div">
          {image && <strong>{imageReference(image)} </strong>}
          <CommitLink
            sha={current.commitSha}
            url={current.commitUrl}
            missing=""
          />
        </Typography>
        <Typography variant="caption" color="textSecondary">
          <Link
            to={deploymentLink({
              org: current.org,
              project: current.project,
              id: current.id,
            })}
          >
            succeeded {describeAge(current.statusChangedAt)}
          </Link>
        </Typography>
      </>
    );
  }

  const workload = gitops?.workload;
  if (workload?.lastAppliedCommit) {
    return (
      <>
        <Typography variant="body2" component="div">
          <CommitLink
            sha={workload.lastAppliedCommit}
            url={workload.lastAppliedCommitUrl}
          />
        </Typography>
        <Typography variant="caption" color="textSecondary">
          applied by Flux
        </Typography>
      </>
    );
  }
  return <>not deployed yet</>;
}
