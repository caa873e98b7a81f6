import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';

/** A chart as the simulated helm-controller reads it from the source artifact. */
export interface LoadedChart {
  name: string;
  /** The version in Chart.yaml, with the build metadata source-controller adds. */
  version: string;
  defaults: Record<string, unknown>;
}

/** Why a chart could not be loaded or its values not be used, in Helm's words. */
export class HelmChartError extends Error {}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseOne(file: string, text: string): unknown {
  const documents = parseAllDocuments(text);
  const docs = Array.isArray(documents) ? documents : [documents];
  const error = docs.flatMap(d => d.errors)[0];
  if (error)
    throw new HelmChartError(
      `cannot load ${file}: ${error.message.split('\n')[0]}`,
    );
  return docs[0]?.toJS() ?? null;
}

// Semantic version 2: what Helm requires of a chart's version.
const SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Loads a chart from its files (keyed relative to the chart directory): `Chart.yaml` must
 * exist and name the chart and a semantic version, `values.yaml` (when present) must be a
 * map. `buildMetadata` is appended to the version, as source-controller does for charts
 * built from a git revision with `reconcileStrategy: Revision`.
 */
export function loadChart(
  path: string,
  files: Record<string, string>,
  buildMetadata?: string,
): LoadedChart {
  const chartFile = files['Chart.yaml'];
  if (chartFile === undefined) {
    if (Object.keys(files).length === 0)
      throw new HelmChartError(`chart path ${path} not found`);
    throw new HelmChartError(`Chart.yaml file is missing in ${path}`);
  }
  const chart = parseOne('Chart.yaml', chartFile);
  if (!isMap(chart))
    throw new HelmChartError('cannot load Chart.yaml: not a map');
  if (typeof chart.name !== 'string' || !chart.name)
    throw new HelmChartError('validation: chart.metadata.name is required');
  const version = chart.version === undefined ? '' : String(chart.version);
  if (!version)
    throw new HelmChartError('validation: chart.metadata.version is required');
  if (!SEMVER.test(version)) {
    throw new HelmChartError(
      `validation: chart.metadata.version "${version}" is invalid`,
    );
  }
  const values =
    files['values.yaml'] === undefined
      ? {}
      : parseOne('values.yaml', files['values.yaml']);
  if (values !== null && !isMap(values))
    throw new HelmChartError('cannot load values.yaml: not a map');
  const withMetadata = buildMetadata
    ? `${version.replace(/\+.*$/, '')}+${buildMetadata}`
    : version;
  return { name: chart.name, version: withMetadata, defaults: values ?? {} };
}

/** Helm's coalescing of the chart's defaults with the release's values (maps merge, the rest replaces). */
export function coalesceValues(
  defaults: Record<string, unknown>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(values)) {
    const base = result[key];
    if (value === null) delete result[key];
    else
      result[key] =
        isMap(base) && isMap(value) ? coalesceValues(base, value) : value;
  }
  return result;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  items?: Schema;
};

const typeOf = (value: unknown) => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
};

/** The keywords of JSON Schema the simulator checks: type, properties, required, minimum, maximum, enum, items. */
function violations(schema: Schema, value: unknown, at: string): string[] {
  const where = at || '(root)';
  const types = schema.type === undefined ? undefined : [schema.type].flat();
  const actual = typeOf(value);
  if (
    types &&
    !types.includes(actual) &&
    !(actual === 'integer' && types.includes('number'))
  ) {
    return [
      `${where}: Invalid type. Expected: ${types.join(
        ' or ',
      )}, given: ${actual}`,
    ];
  }
  const found: string[] = [];
  if (
    schema.enum &&
    !schema.enum.some(
      option => JSON.stringify(option) === JSON.stringify(value),
    )
  ) {
    found.push(
      `${where}: ${where} must be one of the following: ${schema.enum
        .map(o => JSON.stringify(o))
        .join(', ')}`,
    );
  }
  if (typeof value === 'number') {
    if (schema.maximum !== undefined && value > schema.maximum)
      found.push(`${where}: Must be less than or equal to ${schema.maximum}`);
    if (schema.minimum !== undefined && value < schema.minimum)
      found.push(
        `${where}: Must be greater than or equal to ${schema.minimum}`,
      );
  }
  if (isMap(value)) {
    for (const key of schema.required ?? []) {
      if (!(key in value)) found.push(`${where}: ${key} is required`);
    }
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      if (key in value)
        found.push(...violations(child, value[key], at ? `${at}.${key}` : key));
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) =>
      found.push(...violations(schema.items!, item, `${at}.${index}`)),
    );
  }
  return found;
}

/** Checks the coalesced values against the chart's values.schema.json, as `helm upgrade` does. */
export function checkValuesSchema(
  chartName: string,
  schemaText: string | undefined,
  values: Record<string, unknown>,
): void {
  if (schemaText === undefined) return;
  let schema: Schema;
  try {
    schema = JSON.parse(schemaText);
  } catch (error) {
    throw new HelmChartError(
      `cannot load values.schema.json: ${(error as Error).message}`,
    );
  }
  const found = violations(schema, values, '');
  if (found.length) {
    throw new HelmChartError(
      `values don't meet the specifications of the schema(s) in the following chart(s):\n${chartName}:\n${found
        .map(line => `- ${line}`)
        .join('\n')}`,
    );
  }
}

/** JSON with sorted keys, so that equal values digest equally whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isMap(value)) {
    return `{${Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** `sha256:<hex>` of a value, the format of helm-controller's config and release digests. */
export function digestOf(value: unknown): string {
  return `sha256:${createHash('sha256')
    .update(canonical(value))
    .digest('hex')}`;
}
