/** The parts of a JSON schema whose defaults a template form fills in. */
export interface SchemaWithDefaults {
  type?: unknown;
  default?: unknown;
  properties?: Record<string, SchemaWithDefaults>;
  items?: SchemaWithDefaults | SchemaWithDefaults[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy in this realm: defaults come from the catalog, values from rendered templates. */
const copyOf = <T>(value: T): T =>
  value === undefined ? value : JSON.parse(JSON.stringify(value));

/**
 * The value with the schema's defaults filled in where it leaves something out, as the
 * scaffolder's form does in the browser: `default` of a left-out property, nested objects'
 * properties, and the properties of each object in an array (`items`). Given values are
 * never replaced; `null` counts as given.
 */
export function withSchemaDefaults(
  schema: SchemaWithDefaults,
  value: unknown,
): unknown {
  const filled = value === undefined ? copyOf(schema.default) : copyOf(value);
  if (isRecord(filled) && schema.properties) {
    for (const [key, property] of Object.entries(schema.properties)) {
      const child = withSchemaDefaults(property, filled[key]);
      if (child !== undefined) filled[key] = child;
    }
    return filled;
  }
  if (Array.isArray(filled) && isRecord(schema.items)) {
    const items = schema.items;
    return filled.map(item => withSchemaDefaults(items, item));
  }
  return filled;
}

/** A template's values with the defaults of every page of its `spec.parameters` filled in. */
export function withTemplateDefaults(
  parameters: SchemaWithDefaults | SchemaWithDefaults[] | undefined,
  values: Record<string, unknown>,
): Record<string, unknown> {
  return [parameters ?? []]
    .flat()
    .reduce<Record<string, unknown>>(
      (filled, page) =>
        withSchemaDefaults({ ...page, default: undefined }, filled) as Record<
          string,
          unknown
        >,
      copyOf(values),
    );
}
