// Typed domain errors. Services throw these; each transport maps them once (tRPC codes in trpc.ts, vendor
// envelopes in packages/rest). `code` is a stable machine-readable reason the adapters can key on.

export type FieldIssue = { path: string; message: string; check?: string };

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(kind: DomainErrorKind, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export type DomainErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition'
  | 'too_large'
  | 'unavailable';

export class ValidationError extends DomainError {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[], code = 'INVALID_INPUT') {
    super('validation', code, issues[0]?.message ?? 'Invalid input', { issues });
    this.issues = issues;
  }
}

export class UnauthorizedError extends DomainError {
  constructor(code = 'UNAUTHENTICATED', message = 'Authentication required') {
    super('unauthorized', code, message);
  }
}

/**
 * Too many failed credential checks from this address (or for this account from it): refused before the
 * password is checked. Surfaces answer it in their own auth-failure body with 429 and `Retry-After`.
 */
export class ThrottledError extends UnauthorizedError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_FAILED_LOGINS', 'Too many failed sign-in attempts; try again later');
    this.retryAfterSeconds = retryAfterSeconds;
    this.details.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'FORBIDDEN', message = 'Not allowed') {
    super('forbidden', code, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id?: string | number, code = `${entity.toUpperCase()}_NOT_FOUND`) {
    super('not_found', code, `${entity} not found`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super('conflict', code, message, details);
  }
}

export class PreconditionError extends DomainError {
  constructor(code: string, message: string) {
    super('precondition', code, message);
  }
}

export class UnavailableError extends DomainError {
  constructor(message = 'Database unavailable') {
    super('unavailable', 'UNAVAILABLE', message);
  }
}

/** Finds the domain error behind a thrown value (tRPC wraps resolver errors in `cause`). */
export function findDomainError(err: unknown): DomainError | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
