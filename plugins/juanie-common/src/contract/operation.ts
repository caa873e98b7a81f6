import { z } from 'zod';

/** @public */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One route of Juanie's HTTP API, defined once: the server serves and validates it, the OpenAPI
 * document describes it, and the clients and MCP actions call it from this definition.
 * @public
 */
export interface Operation {
  method: HttpMethod;
  /** The path below `/api/juanie`, with parameters written as OpenAPI writes them: `/orgs/{org}`. */
  path: string;
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * What a successful call answers: a JSON schema, `'none'` for 204 No Content, or `'stream'`
   * for a download the handler writes itself (CSV, NDJSON).
   */
  response: z.ZodType | 'none' | 'stream';
  /** 201 for what creates a resource; otherwise 200 (or 204 with no response). */
  created?: boolean;
  /** Who may call it without a user: everyone (`/health`), or Backstage services only. */
  audience?: 'anyone' | 'services';
}

/** Keeps an operation's literal types, so the clients and the server see its exact schemas. @public */
export function defineOperation<const O extends Operation>(operation: O): O {
  return operation;
}

type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

/** The path parameters of an operation, by name. @public */
export type OperationParams<O extends Operation> = { [K in ParamNames<O['path']>]: string };
/** What a client sends as the query. @public */
export type OperationQuery<O extends Operation> = O['query'] extends z.ZodType ? z.input<O['query']> : undefined;
/** What a client sends as the body. @public */
export type OperationBody<O extends Operation> = O['body'] extends z.ZodType ? z.input<O['body']> : undefined;
/** What the server answers. @public */
export type OperationResponse<O extends Operation> = O['response'] extends z.ZodType ? z.infer<O['response']> : void;

/** What a call of the operation carries; a part the operation does not have is left out. @public */
export type OperationInput<O extends Operation> = (keyof OperationParams<O> extends never ? {} : { params: OperationParams<O> }) &
  (O['query'] extends z.ZodType ? { query?: OperationQuery<O> } : {}) &
  (O['body'] extends z.ZodType ? { body: OperationBody<O> } : {});

/** The status of a successful call. @public */
export function successStatus(operation: Operation): 200 | 201 | 204 {
  if (operation.response === 'none') return 204;
  return operation.created ? 201 : 200;
}

/** The express form of the path: `{org}` becomes `:org`. @public */
export function expressPath(operation: Operation): string {
  return operation.path.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * The path and query string of a call, relative to the plugin's base URL. Each parameter is
 * one encoded path segment (user refs hold `:` and `/`); empty query values are left out.
 * @public
 */
export function operationUrl(operation: Operation, input: { params?: Record<string, string>; query?: object }): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new TypeError(`${operation.path}: the parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
