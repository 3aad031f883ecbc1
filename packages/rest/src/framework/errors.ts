import { type DomainError, type FieldIssue, findDomainError, isDatabaseUnavailable, isUniqueViolation } from '@profilehub/api';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

/** Every failure a vendor surface can answer, whatever raised it. Each surface maps these to its envelope. */
export type RestErrorClass =
  | 'bad_request' // unparseable body or URL
  | 'validation' // well-formed but invalid input
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'route_not_found' // no such route on this surface
  | 'method_not_allowed' // route exists with another method
  | 'conflict'
  | 'precondition'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unavailable' // database down or timing out
  | 'unexpected';

export type RestError = {
  class: RestErrorClass;
  message: string;
  /** The domain error's stable code (e.g. PROFILE_NOT_FOUND) when a service raised it. */
  code?: string;
  issues: FieldIssue[];
  domain?: DomainError;
  /** Allowed methods, for method_not_allowed. */
  allow?: string[];
  cause?: unknown;
};

const domainClass: Record<DomainError['kind'], RestErrorClass> = {
  validation: 'validation',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  precondition: 'precondition',
  too_large: 'too_large',
  unavailable: 'unavailable',
};

const trpcClass: Partial<Record<TRPCError['code'], RestErrorClass>> = {
  BAD_REQUEST: 'validation',
  PARSE_ERROR: 'bad_request',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  PRECONDITION_FAILED: 'precondition',
  PAYLOAD_TOO_LARGE: 'too_large',
  SERVICE_UNAVAILABLE: 'unavailable',
};

function zodIssues(err: ZodError): FieldIssue[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message, check: i.code }));
}

/** The schema error behind a thrown value: a route schema's ZodError, or a procedure's (a TRPCError's cause). */
export function findZodError(err: unknown): ZodError | undefined {
  let current = err;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof ZodError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function restError(cls: RestErrorClass, message: string, extra: Partial<RestError> = {}): RestError {
  return { class: cls, message, issues: [], ...extra };
}

/** The one classification of thrown values for every surface. */
export function classifyError(err: unknown): RestError {
  if (isRestErrorThrown(err)) return err.restError;
  const domain = findDomainError(err);
  if (domain) {
    const issues = (domain.details.issues as FieldIssue[] | undefined) ?? [];
    return { class: domainClass[domain.kind], message: domain.message, code: domain.code, issues, domain, cause: err };
  }
  const zod = findZodError(err);
  if (zod) return { class: 'validation', message: zod.issues[0]?.message ?? 'Invalid input', issues: zodIssues(zod), cause: err };
  if (isUniqueViolation(err)) return restError('conflict', 'Already exists', { cause: err });
  if (isDatabaseUnavailable(err)) return restError('unavailable', 'Service temporarily unavailable', { cause: err });
  if (err instanceof TRPCError) {
    const cls = trpcClass[err.code];
    if (cls) return restError(cls, err.message, { cause: err });
  }
  const fastifyCode = (err as { code?: string }).code;
  const status = (err as { statusCode?: number }).statusCode;
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413)
    return restError('too_large', 'Request body is too large', { cause: err });
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415)
    return restError('unsupported_media_type', 'Unsupported content type', { cause: err });
  if (status === 400 || fastifyCode?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError)
    return restError('bad_request', 'Malformed request body', { cause: err });
  return restError('unexpected', 'Internal server error', { cause: err });
}

/** Lets an adapter stop a request with an already-classified error (e.g. its auth hook). */
export class RestErrorThrown extends Error {
  readonly restError: RestError;
  constructor(restError: RestError) {
    super(restError.message);
    this.restError = restError;
  }
}

function isRestErrorThrown(err: unknown): err is RestErrorThrown {
  return err instanceof RestErrorThrown;
}
