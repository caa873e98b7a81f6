import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list, and run by the action's test. */
export const examples: TemplateExample[] = [
  {
    description:
      'A project owned by a team, with development, staging and production',
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:project:create',
          id: 'create-project',
          name: 'Create the Juanie project',
          input: {
            org: 'acme',
            slug: 'checkout',
            title: 'Checkout',
            description: 'Payment and checkout service',
            owner: 'group:acme/web-team',
            environments: [
              { slug: 'dev', title: 'Development', kind: 'development' },
              {
                slug: 'staging',
                title: 'Staging',
                kind: 'staging',
                requiredApprovals: 1,
                approvers: ['user:default/bob', 'team:web-team'],
              },
              {
                slug: 'prod',
                title: 'Production',
                kind: 'production',
                requiredApprovals: 2,
                allowSelfApproval: false,
                expiresAfter: 'P1D',
              },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'A project with no environments yet, owned by the person who runs the template',
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:project:create',
          id: 'create-project',
          name: 'Create the Juanie project',
          input: { org: 'acme', slug: 'billing' },
        },
      ],
    }),
  },
];
