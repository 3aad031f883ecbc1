import type { FastifyRequest } from 'fastify';
import type { ZodError, ZodType, z } from 'zod';
import { type RestError, RestErrorThrown, restError } from './errors';

/**
 * What a route accepts and answers, as zod schemas. The framework parses params, query and body with them
 * before the handler runs (a mismatch is a `validation` error in the surface's envelope, so vendor wording
 * still comes from the envelope) and the OpenAPI document of the surface is generated from them.
 */
export type RouteSchema = {
  /** One line for the reference page (the route's header comment). */
  summary: string;
  description?: string;
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  /** Request headers the route reads beyond the surface's auth convention. */
  headers?: ZodType;
  /** Each documented status: a body schema, or null for an empty body. Errors come from the surface docs. */
  responses: Record<number, { description: string; body?: ZodType | null; contentType?: string }>;
};

type Out<T> = T extends ZodType ? z.output<T> : unknown;

/** The parsed request parts, typed by the route's schema. */
export type ParsedRequest<S extends RouteSchema> = { params: Out<S['params']>; query: Out<S['query']>; body: Out<S['body']> };

export type RequestPart = 'params' | 'query' | 'body';

/** How a surface words a request part that failed its schema (each vendor has its own ids and messages). */
export type InvalidRequest = (part: RequestPart, error: ZodError, req: FastifyRequest) => RestError;

/** The wording when a surface has none of its own: a `validation` error naming each bad field. */
export const genericInvalidRequest: InvalidRequest = (part, error) => {
  const issues = error.issues.map((i) => ({ path: [part, ...i.path.map(String)].join('.'), message: i.message, check: i.code }));
  return restError('validation', `Invalid ${part}: ${issues[0]!.path} ${issues[0]!.message}`, { issues });
};

/** Parses the request parts a schema declares, in order params, query, body; the first failure is thrown. */
export function parseRequest<S extends RouteSchema>(
  schema: S,
  req: FastifyRequest,
  invalid: InvalidRequest = genericInvalidRequest,
): ParsedRequest<S> {
  const part = (name: RequestPart, value: unknown) => {
    const s = schema[name];
    if (!s) return value;
    const result = s.safeParse(value);
    if (result.success) return result.data;
    throw new RestErrorThrown(invalid(name, result.error, req));
  };
  return {
    params: part('params', req.params),
    query: part('query', req.query),
    body: part('body', req.body),
  } as ParsedRequest<S>;
}
