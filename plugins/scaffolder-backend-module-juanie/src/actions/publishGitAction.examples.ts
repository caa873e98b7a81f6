import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list, and run by the action's test. */
export const examples: TemplateExample[] = [
  {
    description:
      "A new bare repository on the backend's machine (under juanie.dataDir), for trying Juanie without GitHub or GitLab",
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:publish:git',
          id: 'publish',
          name: 'Publish to a local repository',
          input: {
            org: 'acme',
            localPath: 'scaffolded/checkout.git',
            createIfMissing: true,
            defaultBranch: 'main',
          },
        },
      ],
    }),
  },
  {
    description:
      'A directory of the workspace to an empty repository on a self-hosted git server',
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:publish:git',
          id: 'publish',
          name: 'Publish the service',
          input: {
            org: 'acme',
            project: 'checkout',
            remoteUrl: 'https://git.example.com/acme/checkout.git',
            sourcePath: 'service',
            gitCommitMessage: 'Checkout service from the Juanie template',
          },
        },
      ],
    }),
  },
];
