import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list, and run by the action's test. */
export const examples: TemplateExample[] = [
  {
    description: 'A project with development, staging and production',
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
            environments: [
              { slug: 'dev', title: 'Development', kind: 'development' },
              {
                slug: 'staging',
                title: 'Staging',
                kind: 'staging',
                requiredApprovals: 1,
                approvers: ['user:default/bob'],
              },
              { slug: 'prod', title: 'Production', kind: 'production', requiredApprovals: 2 },
            ],
          },
        },
      ],
    }),
  },
];
