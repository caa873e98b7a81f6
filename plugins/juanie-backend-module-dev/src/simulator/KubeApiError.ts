import { STATUS_CODES } from 'node:http';
import { qualifiedResource, ResourceType } from './resourceTypes';

/** The `metav1.Status` object the API server answers errors (and deletions) with. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string };
  code: number;
}

/** The reason the real API server gives for a status code, for injected failures. */
const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function reasonForCode(code: number): string {
  return REASONS[code] ?? STATUS_CODES[code]?.replace(/\s/g, '') ?? 'Unknown';
}

/** A failed request, carried to the HTTP layer and answered as a `Status` object. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: KubeStatus['details'],
  ) {
    super(message);
    this.name = 'KubeApiError';
  }

  toStatus(): KubeStatus {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    };
  }

  static notFound(type: ResourceType, name: string): KubeApiError {
    return new KubeApiError(
      404,
      'NotFound',
      `${qualifiedResource(type)} "${name}" not found`,
      { name, group: type.group, kind: type.plural },
    );
  }

  static alreadyExists(type: ResourceType, name: string): KubeApiError {
    return new KubeApiError(
      409,
      'AlreadyExists',
      `${qualifiedResource(type)} "${name}" already exists`,
      { name, group: type.group, kind: type.plural },
    );
  }

  /** An optimistic-concurrency failure: the resourceVersion sent is not the current one. */
  static conflict(type: ResourceType, name: string): KubeApiError {
    return new KubeApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(
        type,
      )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, group: type.group, kind: type.plural },
    );
  }

  static badRequest(message: string): KubeApiError {
    return new KubeApiError(400, 'BadRequest', message);
  }

  static invalid(type: ResourceType, name: string, message: string) {
    return new KubeApiError(
      422,
      'Invalid',
      `${type.kind}.${type.group || 'core'} "${name}" is invalid: ${message}`,
      { name, group: type.group, kind: type.kind },
    );
  }

  static methodNotAllowed(method: string): KubeApiError {
    return new KubeApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${method})`,
    );
  }
}

/** The `Status` a successful DELETE answers. */
export function deletedStatus(
  type: ResourceType,
  name: string,
  uid?: string,
): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name, group: type.group, kind: type.plural, uid },
    code: 200,
  };
}
