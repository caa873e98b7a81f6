import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list, and run by the action's test. */
export const examples: TemplateExample[] = [
  {
    description:
      "A push webhook from a new GitHub repository to Backstage's events endpoint",
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:webhook:register',
          id: 'webhook',
          name: 'Register the push webhook',
          input: {
            org: 'acme',
            project: 'checkout',
            repoUrl: 'github.com?owner=acme&repo=checkout',
          },
        },
      ],
    }),
  },
  {
    description:
      "A push webhook from a GitLab project in a subgroup, to Backstage's events endpoint named explicitly (or one of juanie.scaffolder.allowedWebhookUrls)",
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:webhook:register',
          id: 'webhook',
          name: 'Register the push webhook',
          input: {
            org: 'acme',
            project: 'checkout',
            repoUrl: 'https://gitlab.example.com/acme/payments/checkout.git',
            eventsUrl: 'https://backstage.example.com/api/events/http/gitlab',
          },
        },
      ],
    }),
  },
];
