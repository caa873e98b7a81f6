import { useState } from 'react';
import { Button } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import { useOrganizationQuota } from '../../hooks/organizations';
import { ErrorState } from '../shared/ErrorState';
import { EditQuotaDialog } from './EditQuotaDialog';
import { QuotaUsageBar } from './QuotaUsageBar';

/** An organisation's limits and how much of each is used. */
export function QuotaCard(props: { org: string; canManage: boolean }) {
  const { org, canManage } = props;
  const { value: quota, loading, error, retry } = useOrganizationQuota(org);
  const [editing, setEditing] = useState(false);

  return (
    <InfoCard
      title="Quota"
      action={
        canManage &&
        quota && (
          <Button variant="outlined" onClick={() => setEditing(true)}>
            Edit quota
          </Button>
        )
      }
    >
      {loading && <Progress />}
      {error && <ErrorState error={error} onRetry={retry} />}
      {quota && (
        <>
          <QuotaUsageBar
            label="Projects"
            used={quota.usage.projects}
            limit={quota.limits.maxProjects}
          />
          <QuotaUsageBar
            label="Members"
            used={quota.usage.members}
            limit={quota.limits.maxMembers}
          />
          <QuotaUsageBar
            label="Environments in the largest project"
            used={quota.usage.maxEnvironmentsInAProject}
            limit={quota.limits.maxEnvironmentsPerProject}
          />
        </>
      )}
      {editing && quota && (
        <EditQuotaDialog
          org={org}
          limits={quota.limits}
          onClose={() => setEditing(false)}
          onDone={retry}
        />
      )}
    </InfoCard>
  );
}
