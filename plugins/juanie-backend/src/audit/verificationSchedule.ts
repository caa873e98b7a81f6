import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';

/**
 * When the scheduled verification of the audit chains runs (`juanie.audit.verification`):
 * hourly by default, once across replicas.
 */
export function readAuditVerificationSchedule(
  config: Config,
): { enabled: boolean } & SchedulerServiceTaskScheduleDefinition {
  const settings = config.getOptionalConfig('juanie.audit.verification');
  const duration = (key: string, fallback: HumanDuration) =>
    settings?.has(key) ? readDurationFromConfig(settings, { key }) : fallback;
  return {
    enabled: settings?.getOptionalBoolean('enabled') ?? true,
    scope: 'global',
    frequency: duration('frequency', { hours: 1 }),
    timeout: duration('timeout', { minutes: 30 }),
    initialDelay: duration('initialDelay', { minutes: 1 }),
  };
}
