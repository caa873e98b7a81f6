import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { kubeTime } from './fluxObjects';
import { deletedStatus, KubeApiError } from './KubeApiError';
import { jsonPatch, mergePatch } from './objectPatches';
import { KubeObject, ObjectRef, ObjectStore, WriteMode } from './ObjectStore';
import { discovery, parseTarget, Target } from './resourcePaths';
import { apiVersionOf, isCustomResource, ResourceType } from './resourceTypes';
import { fieldSelectorFilter, labelSelectorFilter } from './selectors';
import { WatchRequest } from './WatchStream';

/** What the routes need from the server around them. */
export interface KubeApiContext {
  store: ObjectStore;
  bookmarkIntervalMs: number;
  /** Hands the response over to a watch stream that the server tracks. */
  openWatch(response: ServerResponse, request: WatchRequest): void;
}

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function sendJson(
  response: ServerResponse,
  code: number,
  body: unknown,
) {
  response.writeHead(code, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new KubeApiError(
        413,
        'RequestEntityTooLarge',
        'the request body is too large',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function decode(text: string, asYaml = false): unknown {
  try {
    return asYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw KubeApiError.badRequest(
      `the body of the request could not be decoded: ${
        (error as Error).message
      }`,
    );
  }
}

function list(ctx: KubeApiContext, target: Target, query: URLSearchParams) {
  const { type, namespace } = target;
  const labels = labelSelectorFilter(query.get('labelSelector'));
  const fields = fieldSelectorFilter(query.get('fieldSelector'));
  return {
    apiVersion: apiVersionOf(type),
    kind: `${type.kind}List`,
    metadata: { resourceVersion: String(ctx.store.resourceVersion) },
    items: ctx.store.list(type, namespace, o => labels(o) && fields(o)),
  };
}

function watch(
  ctx: KubeApiContext,
  target: Target,
  query: URLSearchParams,
  response: ServerResponse,
) {
  const labels = labelSelectorFilter(query.get('labelSelector'));
  const fields = fieldSelectorFilter(query.get('fieldSelector'));
  const timeout = Number(query.get('timeoutSeconds') ?? 0);
  ctx.openWatch(response, {
    type: target.type,
    namespace: target.namespace,
    resourceVersion: query.get('resourceVersion') ?? undefined,
    filter: (o: KubeObject) => labels(o) && fields(o),
    allowBookmarks: query.get('allowWatchBookmarks') === 'true',
    timeoutSeconds:
      Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
    bookmarkIntervalMs: ctx.bookmarkIntervalMs,
  });
}

/** The change a PATCH asks for, by content type, as a function of the stored object. */
function patchFunction(type: ResourceType, contentType: string, text: string) {
  switch (contentType) {
    case 'application/merge-patch+json':
      return (current: KubeObject) => mergePatch(current, decode(text));
    case 'application/json-patch+json':
      return (current: KubeObject) => jsonPatch(current, decode(text));
    case 'application/apply-patch+yaml':
      return (current: KubeObject) => mergePatch(current, decode(text, true));
    case 'application/strategic-merge-patch+json':
      // Custom resources have no patch strategies, so the real API server refuses it for them.
      if (isCustomResource(type)) break;
      return (current: KubeObject) => mergePatch(current, decode(text));
    default:
      break;
  }
  throw new KubeApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
  );
}

/**
 * Records the field manager of a server-side apply in `metadata.managedFields`, as the API
 * server does (which fields it owns is not tracked: the simulator reports no conflicts). A
 * manager's entry keeps its time, so that applying the same object again changes nothing.
 */
function withApplyManager(object: KubeObject, manager: string): KubeObject {
  type Entry = { manager?: string; operation?: string };
  const entries = (object.metadata?.managedFields ?? []) as Entry[];
  if (entries.some(e => e.manager === manager && e.operation === 'Apply'))
    return object;
  const entry = {
    manager,
    operation: 'Apply',
    apiVersion: object.apiVersion,
    time: kubeTime(),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
  };
  return {
    ...object,
    metadata: { ...object.metadata, managedFields: [...entries, entry] },
  };
}

async function patch(
  ctx: KubeApiContext,
  target: Target,
  ref: ObjectRef,
  request: IncomingMessage,
  query: URLSearchParams,
) {
  const contentType = (request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  const text = await readBody(request);
  const change = patchFunction(target.type, contentType, text);
  const mode: WriteMode = target.status ? 'status' : 'object';
  if (contentType !== 'application/apply-patch+yaml')
    return { code: 200, body: ctx.store.update(ref, change, mode) };
  if (!query.get('fieldManager'))
    throw new KubeApiError(
      422,
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  const manager = query.get('fieldManager')!;
  // Server-side apply creates what does not exist yet.
  if (target.status || ctx.store.get(ref))
    return {
      code: 200,
      body: ctx.store.update(
        ref,
        current => withApplyManager(change(current) as KubeObject, manager),
        mode,
      ),
    };
  const intent = decode(text, true) as KubeObject;
  const body = withApplyManager(
    { ...intent, metadata: { ...intent?.metadata, name: ref.name } },
    manager,
  );
  return {
    code: 201,
    body: ctx.store.create(target.type, target.namespace, body, mode),
  };
}

async function handleTarget(
  ctx: KubeApiContext,
  target: Target,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
) {
  const { type, namespace, name } = target;
  const method = request.method ?? 'GET';
  const ref: ObjectRef = { type, namespace, name: name ?? '' };
  const isWatch = ['true', '1'].includes(query.get('watch') ?? '');
  if (method === 'GET' && !name && isWatch)
    return watch(ctx, target, query, response);
  if (method === 'GET' && !name)
    return sendJson(response, 200, list(ctx, target, query));
  if (method === 'POST' && !name && (namespace || !type.namespaced)) {
    const body = decode(await readBody(request));
    return sendJson(
      response,
      201,
      ctx.store.create(type, namespace, body, 'object'),
    );
  }
  if (!name) throw KubeApiError.methodNotAllowed(method);
  if (method === 'GET') {
    const object = ctx.store.get(ref);
    if (!object) throw KubeApiError.notFound(type, name);
    return sendJson(response, 200, object);
  }
  if (method === 'PUT') {
    const body = decode(await readBody(request));
    return sendJson(
      response,
      200,
      ctx.store.update(ref, () => body, target.status ? 'status' : 'object'),
    );
  }
  if (method === 'PATCH') {
    const { code, body } = await patch(ctx, target, ref, request, query);
    return sendJson(response, code, body);
  }
  if (method === 'DELETE' && !target.status) {
    const deleted = ctx.store.delete(ref);
    return sendJson(
      response,
      200,
      deletedStatus(type, name, deleted.metadata.uid),
    );
  }
  throw KubeApiError.methodNotAllowed(method);
}

/** Answers one request of the Kubernetes REST protocol; errors become `Status` objects. */
export async function routeKubeRequest(
  ctx: KubeApiContext,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const document = discovery(url.pathname);
  if (document && request.method === 'GET')
    return sendJson(response, 200, document);
  const target = parseTarget(url.pathname);
  if (!target)
    throw new KubeApiError(
      404,
      'NotFound',
      'the server could not find the requested resource',
    );
  return handleTarget(ctx, target, request, response, url.searchParams);
}
