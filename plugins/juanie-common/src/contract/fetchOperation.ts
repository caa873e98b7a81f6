import { Operation, OperationInput, OperationResponse, operationUrl } from './operation';

/**
 * Sends one call of an operation with the given fetch (the app's FetchApi, or a back end's
 * global fetch with a token): its method, its path with the parameters encoded, its query and
 * its JSON body. The caller reads refusals from the response; {@link readOperationResponse}
 * reads a success.
 * @public
 */
export async function fetchOperation<O extends Operation>(
  fetchFn: (url: string, init: RequestInit) => Promise<Response>,
  baseUrl: string,
  operation: O,
  input: OperationInput<O>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const { params, query, body } = input as { params?: Record<string, string>; query?: object; body?: unknown };
  return fetchFn(`${baseUrl}${operationUrl(operation, { params, query })}`, {
    method: operation.method.toUpperCase(),
    headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The answer of a successful call: nothing for 204, the JSON otherwise. @public */
export async function readOperationResponse<O extends Operation>(
  response: Response,
): Promise<OperationResponse<O>> {
  if (response.status === 204) return undefined as OperationResponse<O>;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as OperationResponse<O>;
}
