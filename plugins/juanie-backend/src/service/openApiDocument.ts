import { juanieContract, Operation, successStatus } from '@juanie/plugin-juanie-common';
import { z } from 'zod';

/** The OpenAPI 3.1 document is generated from the contract (`juanieContract`), responses included. */
/** A request schema as clients fill it in, or a response schema as the server answers it. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') => {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** What a successful call answers, as the contract defines it. */
function successResponse(op: Operation) {
  if (op.response === 'none') return { description: 'Done' };
  if (op.response === 'stream') {
    return {
      description: 'The download',
      content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } },
    };
  }
  return { description: 'OK', content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } };
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operationObject(operationId: string, op: Operation) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = op.query
    ? Object.entries(jsonSchema(op.query).properties as Record<string, object>).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema,
      }))
    : [];
  const unauthenticated = op.audience === 'anyone';
  return {
    operationId,
    summary: op.summary,
    ...(unauthenticated ? { security: [] } : {}),
    parameters: [...pathParams, ...queryParams],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
      : {}),
    responses: {
      [successStatus(op)]: successResponse(op),
      '400': errorResponse('Invalid input; the message names every wrong field'),
      ...(unauthenticated ? {} : { '401': errorResponse('No valid Backstage token') }),
      '403': errorResponse('The permission policy refused'),
      '404': errorResponse('Unknown organisation, project or other name'),
      ...(op.method !== 'get' ? { '409': errorResponse('Conflict: exists already, quota reached, last owner') } : {}),
    },
  };
}

/** The OpenAPI 3.1 document served at `/api/juanie/openapi.json`. */
export function createOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, op] of Object.entries(juanieContract)) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(operationId, op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Juanie',
      version,
      description: 'Organisations, projects, environments, GitOps deployments and the audit trail.',
    },
    servers: [{ url: '/api/juanie' }],
    security: [{ backstageToken: [] }],
    components: {
      securitySchemes: { backstageToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: { type: 'object', properties: { name: { type: 'string' }, message: { type: 'string' } } },
            response: { type: 'object', properties: { statusCode: { type: 'integer' } } },
          },
        },
      },
    },
    paths,
  };
}
