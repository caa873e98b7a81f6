import { ResponseError } from '@backstage/errors';

/** The error JuanieClient throws when the back end refuses with `message`. */
export function refusal(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
