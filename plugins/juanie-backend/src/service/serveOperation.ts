import { expressPath, Operation, OperationParams, successStatus } from '@juanie/plugin-juanie-common';
import { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../shared/validation';

type Parsed<S> = S extends z.ZodType ? z.output<S> : never;

/** What a handler gets: the request, and parsers of its query and body with the contract's schemas. */
export interface OperationRequest<O extends Operation> {
  /** The request, its path parameters named as the operation's path names them. */
  req: Request<OperationParams<O>>;
  res: Response;
  /**
   * The query, parsed with the operation's schema; a 400 naming every wrong field otherwise.
   * `what` names it in that message. Handlers call it after the caller is known, as they read it.
   */
  query(what: string): Parsed<O['query']>;
  /** The body, parsed the same way; called where the handler needs it (after its access checks). */
  body(what: string): Parsed<O['body']>;
}

/** What a handler answers: the response as the contract defines it (nothing for 204 and streams). */
export type OperationResult<O extends Operation> = O['response'] extends z.ZodType ? z.input<O['response']> : void;

type ExpressRouter = ReturnType<typeof Router>;

const operationsByRouter = new WeakMap<ExpressRouter, Operation[]>();

/**
 * Jest runs with NODE_ENV=test: there every answer is checked against the contract's response
 * schema, so a response that drifts from the contract fails the test that produced it. In
 * production the check would only cost time.
 */
const checkResponses = process.env.NODE_ENV === 'test';

/** A router whose routes come from the contract; {@link servedOperations} lists them. */
export function operationRouter() {
  const router = Router();
  operationsByRouter.set(router, []);
  return {
    router,
    /** Serves one operation of the contract at its path, with its status and response. */
    serve<O extends Operation>(operation: O, handler: (request: OperationRequest<O>) => Promise<OperationResult<O>>) {
      operationsByRouter.get(router)!.push(operation);
      router[operation.method](expressPath(operation), async (req: Request<OperationParams<O>>, res: Response) => {
        const result = await handler({
          req,
          res,
          query: what => parseInput(operation.query ?? z.object({}).strict(), req.query, what) as Parsed<O['query']>,
          body: what => parseInput(operation.body ?? z.undefined(), req.body, what) as Parsed<O['body']>,
        });
        if (operation.response === 'stream') return;
        if (operation.response === 'none') {
          res.status(204).end();
          return;
        }
        if (checkResponses) assertResponse(operation, operation.response, result);
        res.status(successStatus(operation)).json(result);
      });
    },
  };
}

/** The operations a router made by {@link operationRouter} serves. */
export function servedOperations(router: ExpressRouter): Operation[] {
  return operationsByRouter.get(router) ?? [];
}

function assertResponse(operation: Operation, schema: z.ZodType, result: unknown) {
  const checked = schema.safeParse(result);
  if (!checked.success) {
    const problems = checked.error.issues.map(issue => `${issue.path.join('.') || '(whole value)'}: ${issue.message}`);
    throw new Error(`The response of ${operation.method.toUpperCase()} ${operation.path} breaks the contract: ${problems.join('; ')}`);
  }
}
