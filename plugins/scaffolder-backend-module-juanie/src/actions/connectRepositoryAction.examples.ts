import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list, and run by the action's test. */
export const examples: TemplateExample[] = [
  {
    description: 'The application repository a publish step has just created',
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:repository:connect',
          id: 'connect-app',
          name: 'Connect the app repository',
          input: {
            org: 'acme',
            project: 'checkout',
            url: "${{ steps['publish'].output.remoteUrl }}",
            purpose: 'app',
          },
        },
      ],
    }),
  },
  {
    description: 'A GitOps repository the environments deploy from',
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:repository:connect',
          id: 'connect-gitops',
          name: 'Connect the GitOps repository',
          input: {
            org: 'acme',
            project: 'checkout',
            url: 'https://github.com/acme/fleet.git',
            purpose: 'gitops',
            provider: 'github',
          },
        },
      ],
    }),
  },
];
