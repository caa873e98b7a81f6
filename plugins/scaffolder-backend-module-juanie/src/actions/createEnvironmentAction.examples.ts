import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list, and run by the action's test. */
export const examples: TemplateExample[] = [
  {
    description:
      'A QA environment after staging, where two people of the QA team must approve',
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:environment:create',
          id: 'create-environment',
          name: 'Create the QA environment',
          input: {
            org: 'acme',
            project: 'checkout',
            slug: 'qa',
            title: 'QA',
            kind: 'staging',
            namespace: 'checkout-qa',
            requiredApprovals: 2,
            approvers: ['team:qa'],
            expiresAfter: 'PT12H',
          },
        },
      ],
    }),
  },
  {
    description:
      "An environment that deploys a path of the project's GitOps repository",
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:environment:create',
          id: 'create-environment',
          name: 'Create the preview environment',
          input: {
            org: 'acme',
            project: 'checkout',
            slug: 'preview',
            kind: 'development',
            gitops: { path: 'apps/checkout/overlays/preview', branch: 'main' },
          },
        },
      ],
    }),
  },
];
