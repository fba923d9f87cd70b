/** Typed domain errors. Doors map them to HTTP statuses and CLI exit codes in one place each. */
export type DomainErrorCode = 'invalid' | 'not_found' | 'conflict' | 'precondition_failed' | 'forbidden' | 'unauthorized' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends DomainError {
  constructor(message: string, details?: unknown) {
    super('invalid', message, details);
  }
}

export class NotFound extends DomainError {
  constructor(entity: string, id?: string) {
    super('not_found', id ? `${entity} ${id} was not found` : `${entity} was not found`);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

/** The caller edited a version that is no longer current; `details.current` is the record as it stands. */
export class PreconditionFailed extends DomainError {
  constructor(label: string, expected: number, current: { version: number } & Record<string, unknown>) {
    super('precondition_failed', `${label} changed since you loaded it (you have version ${expected}, it is now at ${current.version}); reload and try again`, { current });
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You do not have permission to do that') {
    super('forbidden', message);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'Sign in first') {
    super('unauthorized', message);
  }
}

/** Too many attempts (sign-ins, password checks): wait `retryAfterSeconds` before trying again. */
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message, { retryAfterSeconds });
  }
}

/** Field-level detail in the same shape the HTTP validator uses, so forms can show errors inline. */
export function fieldError(path: string, message: string): Invalid {
  return new Invalid(`${path}: ${message}`, { issues: [{ path: path.split('.'), message }] });
}
