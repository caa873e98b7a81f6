import { KubeApiError } from './KubeApiError';
import { isJsonMap } from './objectPatches';
import type { KubeObject, ObjectMeta } from './ObjectStore';
import { apiVersionOf, ResourceType } from './resourceTypes';

/** Checks a body against the URL it was sent to, and fills what the URL implies. */
export function normalizeObject(
  type: ResourceType,
  namespace: string | undefined,
  name: string | undefined,
  body: unknown,
): KubeObject {
  if (!isJsonMap(body) || !isJsonMap(body.metadata ?? {}))
    throw KubeApiError.badRequest(
      'the request body must be a Kubernetes object',
    );
  const metadata = { ...(body.metadata as ObjectMeta | undefined) };
  const apiVersion = body.apiVersion ?? apiVersionOf(type);
  if (
    apiVersion !== apiVersionOf(type) ||
    (body.kind ?? type.kind) !== type.kind
  )
    throw KubeApiError.badRequest(
      `the API version and kind in the data (${apiVersion}, ${
        body.kind
      }) do not match the expected ${apiVersionOf(type)}, ${type.kind}`,
    );
  if (name && metadata.name && metadata.name !== name)
    throw KubeApiError.badRequest(
      `the name of the object (${metadata.name}) does not match the name on the URL (${name})`,
    );
  metadata.name = name ?? metadata.name;
  if (typeof metadata.name !== 'string' || !metadata.name)
    throw KubeApiError.invalid(
      type,
      '',
      'metadata.name: Required value: name or generateName is required',
    );
  if (type.namespaced) {
    if (metadata.namespace && namespace && metadata.namespace !== namespace)
      throw KubeApiError.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    metadata.namespace = namespace ?? metadata.namespace;
    if (!metadata.namespace)
      throw KubeApiError.badRequest(
        `${type.kind} ${metadata.name} needs a namespace`,
      );
  } else {
    delete metadata.namespace;
  }
  return {
    ...body,
    apiVersion: apiVersionOf(type),
    kind: type.kind,
    metadata: metadata as ObjectMeta,
  };
}
