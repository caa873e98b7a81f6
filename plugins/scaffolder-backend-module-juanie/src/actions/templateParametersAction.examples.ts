import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list, and run by the action's test. */
export const examples: TemplateExample[] = [
  {
    description:
      "The run's parameters with the template's defaults, for later steps to read instead of parameters",
    example: yaml.stringify({
      steps: [
        {
          action: 'juanie:template:parameters',
          id: 'parameters',
          name: "Apply the template's defaults",
          input: { values: '${{ parameters }}' },
        },
        {
          action: 'debug:log',
          id: 'log',
          name: 'Log the environments',
          input: {
            message:
              '${{ steps.parameters.output.values.environments | dump }}',
          },
        },
      ],
    }),
  },
];
