import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list, and run by the action's test. */
export const examples: TemplateExample[] = [
  {
    description:
      "The layout of a new project in its GitOps repository, for all of the project's environments",
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:gitops:bootstrap',
          id: 'gitops',
          name: 'Bootstrap the GitOps layout',
          input: {
            org: 'acme',
            project: 'checkout',
            image: 'ghcr.io/acme/checkout:0.1.0',
            containerPort: 8080,
            branch: 'main',
          },
        },
      ],
    }),
  },
  {
    description:
      'The overlay and Flux objects of an environment added to a project bootstrapped before',
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:gitops:bootstrap',
          id: 'gitops',
          name: 'Add the QA overlay',
          input: {
            org: 'acme',
            project: 'checkout',
            environments: ['qa'],
            overlaysOnly: true,
          },
        },
      ],
    }),
  },
];
