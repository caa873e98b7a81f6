import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  entityEnvelopeSchemaValidator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';

// The checks the catalog makes: the envelope when a provider applies a mutation, then the
// default entity policies and the built-in kinds' schemas while processing.
const validateEnvelope = entityEnvelopeSchemaValidator();
const policies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const builtinKinds = new BuiltinKindsEntityProcessor();

async function problem(check: () => unknown): Promise<string | undefined> {
  try {
    return (await check()) === false ? 'no validator accepts its kind' : undefined;
  } catch (error) {
    return String(error);
  }
}

/** What the catalog would refuse about an entity; empty when it takes it as it is. */
export async function catalogProblems(entity: Entity): Promise<string[]> {
  const problems = await Promise.all([
    problem(() => validateEnvelope(entity)),
    problem(() => policies.enforce(entity)),
    problem(() => builtinKinds.validateEntityKind(entity)),
  ]);
  return problems.filter((p): p is string => p !== undefined);
}

/** The relations the catalog derives from an entity, as `<type> <target ref>`. */
export async function catalogRelations(entity: Entity): Promise<string[]> {
  const self = stringifyEntityRef(entity);
  const relations: string[] = [];
  await builtinKinds.postProcessEntity(entity, { type: 'juanie', target: 'test' }, result => {
    if (result.type === 'relation' && stringifyEntityRef(result.relation.source) === self) {
      relations.push(`${result.relation.type} ${stringifyEntityRef(result.relation.target)}`);
    }
  });
  return relations.sort();
}

/** Entity ref → catalog problems, for every entity. */
export async function catalogProblemsByRef(entities: Entity[]): Promise<Record<string, string[]>> {
  return Object.fromEntries(
    await Promise.all(
      entities.map(async entity => [stringifyEntityRef(entity), await catalogProblems(entity)]),
    ),
  );
}
