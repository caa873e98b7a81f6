import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  SchemaWithDefaults,
  withTemplateDefaults,
} from '../template/schemaDefaults';
import { examples } from './templateParametersAction.examples';

/** The entity ref the scaffolder gives the template of a dry run, which is not in the catalog. */
const DRY_RUN_TEMPLATE_REF = 'template:default/dry-run';

/**
 * `juanie:template:parameters`: the run's parameters with the template's own defaults filled
 * in. The scaffolder's form applies the JSON-schema `default`s in the browser; a task started
 * through the API (`POST /api/scaffolder/v2/tasks`) gets only the values it was sent. Reading
 * the defaults from the template itself keeps one definition of each: the template's
 * parameters.
 */
export function templateParametersAction(deps: { catalog: CatalogService }) {
  return createTemplateAction({
    id: 'juanie:template:parameters',
    description:
      "Outputs the run's parameters with the template's own defaults filled in for those left out (as the form does in the browser), for runs started through the API",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        values: z =>
          z
            .record(z.unknown(), {
              description: 'The parameters of the run: ${{ parameters }}',
            })
            .optional(),
      },
      output: {
        values: z =>
          z.record(z.unknown(), {
            description:
              "The parameters, with the template's defaults for those left out",
          }),
      },
    },
    async handler(ctx) {
      const values = ctx.input.values ?? {};
      const templateRef = ctx.templateInfo?.entityRef;
      const template =
        templateRef && templateRef !== DRY_RUN_TEMPLATE_REF
          ? await deps.catalog.getEntityByRef(templateRef, {
              credentials: await ctx.getInitiatorCredentials(),
            })
          : undefined;
      if (!template) {
        if (!ctx.isDryRun) {
          throw new NotFoundError(
            `Cannot read the defaults of ${
              templateRef ?? 'the template'
            }: it is not in the catalog`,
          );
        }
        // A dry run's template is sent with the request and its values come from the form.
        ctx.logger.info(
          "Dry run: the template is not in the catalog; its parameters are used as given (the form has applied the template's defaults)",
        );
        ctx.output('values', withTemplateDefaults(undefined, values));
        return;
      }
      const parameters = (template.spec as { parameters?: unknown })
        ?.parameters as SchemaWithDefaults | SchemaWithDefaults[] | undefined;
      const filled = withTemplateDefaults(parameters, values);
      const defaulted = Object.keys(filled).filter(key => !(key in values));
      ctx.logger.info(
        defaulted.length
          ? `Defaults of ${templateRef} applied to ${defaulted.join(', ')}`
          : `Every parameter of ${templateRef} was given`,
      );
      ctx.output('values', filled);
    },
  });
}
