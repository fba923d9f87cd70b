import { DomainError, RateLimited } from '@lpdesk/core';
import type { ErrorCode } from '@lpdesk/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { issuesOf } from '@lpdesk/core';

/** The one place errors become HTTP: domain errors to 4xx, anything unexpected to a logged 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Sent as Retry-After on a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const DOMAIN_STATUS: Record<DomainError['code'], [number, ErrorCode]> = {
  invalid: [400, 'validation_failed'],
  not_found: [404, 'not_found'],
  conflict: [409, 'conflict'],
  precondition_failed: [412, 'precondition_failed'],
  forbidden: [403, 'forbidden'],
  unauthorized: [401, 'unauthorized'],
  rate_limited: [429, 'rate_limited'],
};

function fromFastify(error: FastifyError): HttpError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'bad_request', `The request body is not valid JSON: ${error.message}`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(400, 'bad_request', 'The Content-Length header does not match the body');
    default:
      break;
  }
  if (error.statusCode === 429) return new HttpError(429, 'rate_limited', 'Too many requests; wait a minute and try again');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpError(error.statusCode, 'bad_request', error.message);
  }
  return null;
}

export function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof DomainError) {
    const [status, code] = DOMAIN_STATUS[error.code];
    return new HttpError(status, code, error.message, error.details, error instanceof RateLimited ? error.retryAfterSeconds : undefined);
  }
  if (error instanceof ZodError) {
    const issues = issuesOf(error);
    return new HttpError(400, 'validation_failed', issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '), { issues });
  }
  if (error && typeof error === 'object' && 'code' in error && typeof (error as FastifyError).code === 'string') {
    return fromFastify(error as FastifyError);
  }
  return null;
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const mapped = toHttpError(error);
  if (mapped) {
    if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
    if (mapped.retryAfterSeconds !== undefined) reply.header('retry-after', String(mapped.retryAfterSeconds));
    return reply.status(mapped.status).send({ error: { code: mapped.code, message: mapped.message, ...(mapped.details !== undefined ? { details: mapped.details } : {}) } });
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on the server; the error has been logged' } });
}
