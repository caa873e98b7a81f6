import { ResponseError } from '@backstage/errors';

/**
 * The error JuanieClient throws when the back end refuses with `message`;
 * `extra` adds fields to the body, such as a policy refusal's `violations`.
 */
export function refusal(
  status: number,
  name: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
        ...extra,
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
