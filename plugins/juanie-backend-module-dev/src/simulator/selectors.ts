import { KubeApiError } from './KubeApiError';
import type { KubeObject } from './ObjectStore';

/** Whether an object is one a list or watch asked for. */
export type ObjectFilter = (object: KubeObject) => boolean;

type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'exists' | '!exists' };

/**
 * Parses the equality-based label selectors (`a=b`, `a==b`, `a!=b`, `a`, `!a`, joined by
 * commas). Set-based ones (`a in (b,c)`) are refused with 400: nothing in Juanie uses them.
 */
function parseRequirements(selector: string): Requirement[] {
  return selector
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => {
      const equality = /^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/.exec(part);
      if (equality) {
        const [, key, op, value] = equality;
        return { key, op: op === '!=' ? '!=' : '=', value };
      }
      const existence = /^(!?)([^=!\s()]+)$/.exec(part);
      if (existence) {
        return {
          key: existence[2],
          op: existence[1] ? '!exists' : 'exists',
        };
      }
      throw KubeApiError.badRequest(
        `unable to parse requirement: "${part}" (the simulated API server supports =, ==, != and existence)`,
      );
    });
}

function matches(
  requirement: Requirement,
  fields: Record<string, string | undefined>,
): boolean {
  const value = fields[requirement.key];
  switch (requirement.op) {
    case '=':
      return value === requirement.value;
    case '!=':
      return value !== requirement.value;
    case 'exists':
      return value !== undefined;
    default:
      return value === undefined;
  }
}

export function labelSelectorFilter(selector?: string | null): ObjectFilter {
  if (!selector) return () => true;
  const requirements = parseRequirements(selector);
  return object =>
    requirements.every(r => matches(r, object.metadata.labels ?? {}));
}

const SELECTABLE_FIELDS = ['metadata.name', 'metadata.namespace'];

/** Field selectors on `metadata.name` and `metadata.namespace`, as every kind supports. */
export function fieldSelectorFilter(selector?: string | null): ObjectFilter {
  if (!selector) return () => true;
  const requirements = parseRequirements(selector);
  const unsupported = requirements.find(
    r => !SELECTABLE_FIELDS.includes(r.key) || !('value' in r),
  );
  if (unsupported)
    throw KubeApiError.badRequest(
      `field label not supported: ${unsupported.key}`,
    );
  return object =>
    requirements.every(r =>
      matches(r, {
        'metadata.name': object.metadata.name,
        'metadata.namespace': object.metadata.namespace ?? '',
      }),
    );
}
