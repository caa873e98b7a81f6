import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { GITHUB_PUSH_TOPIC, GITLAB_PUSH_TOPIC, parseRepositoryPush } from './repositoryPush';
import { RepositoryPushes } from './RepositoryPushes';

/**
 * Hears GitHub and GitLab pushes from the events backend. Signatures are checked before this by
 * Backstage's github and gitlab events modules (`events.modules.<provider>.webhookSecret`), which
 * is where `juanie:webhook:register` points repositories' hooks.
 */
export async function subscribeToPushEvents(deps: { events: EventsService; pushes: RepositoryPushes; logger: LoggerService }) {
  await deps.events.subscribe({
    id: 'juanie-repository-pushes',
    topics: [GITHUB_PUSH_TOPIC, GITLAB_PUSH_TOPIC],
    onEvent: async (params: EventParams) => {
      const provider = params.topic === GITHUB_PUSH_TOPIC ? 'github' : 'gitlab';
      const push = parseRepositoryPush(provider, params.eventPayload);
      if (!push) {
        deps.logger.debug(`Ignored a ${provider} push event that moves no branch to a commit (a tag, a deletion, or not a push)`);
        return;
      }
      await deps.pushes.received(push);
    },
  });
}
