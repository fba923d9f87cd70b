import type { Actor, Operation } from '@lpdesk/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestParts {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** Who may call a route before the operation's own permission check runs. */
export type Access = 'public' | 'authenticated';

/**
 * One HTTP route: which schemas validate which part of the request, and the handler. Routes are
 * data, so the OpenAPI document is generated from the same list that Fastify registers.
 */
export interface RouteSpec {
  method: HttpMethod;
  url: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status for success; 204 sends no body. */
  status?: number;
  /**
   * The success body, for the OpenAPI document and the contract test (not parsed at runtime).
   * Every route that answers with a body declares one; 204 routes leave it out.
   */
  response?: z.ZodType;
  /** The route takes a multipart/form-data upload (a `file` and these text fields) instead of JSON. */
  upload?: { fields: Record<string, string> };
  /** Media types of a file the route sends instead of JSON (exports); the OpenAPI document lists them. */
  produces?: string[];
  /** Sign-in style routes get the per-client attempt limit. */
  rateLimited?: boolean;
  /**
   * Answers a signed-in user whose temporary password must be changed first (GET /api/auth/me, POST
   * /api/auth/password); every other authenticated route refuses them with 403 password_change_required.
   */
  allowedBeforePasswordChange?: boolean;
  /** Permission named by the operation, for the docs. */
  permission?: string | null;
  handle(context: RouteContext): Promise<unknown>;
}

export interface RouteContext {
  actor: Actor | null;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface OperationRouteOptions<Schema extends z.ZodType> {
  method: HttpMethod;
  url: string;
  tag: string;
  operation: Operation<Schema, unknown>;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  status?: number;
  /** Build the operation's input from the validated request parts (and headers such as If-Match). */
  input(parts: { params: Record<string, string>; query: Record<string, unknown>; body: unknown; headers: FastifyRequest['headers'] }): z.output<Schema>;
  /** Shape the operation's result into the response body (default `{data: result}`, lists pass through). */
  respond?: (result: unknown) => unknown;
  /** The body `respond` produces; by default derived from the operation's output the way wrapData shapes it. */
  response?: z.ZodType;
}

export const wrapData = (result: unknown) => {
  if (result && typeof result === 'object' && 'data' in result && 'total' in result) return result;
  return { data: result };
};

const isListEnvelope = (schema: z.ZodType) => schema instanceof z.ZodObject && ['data', 'total', 'limit', 'offset'].every((key) => key in schema.shape);

/** The body wrapData makes of an operation's output, as a schema: list envelopes as they are, else `{data}`. */
export function wrappedResponse(output: z.ZodType): z.ZodType {
  return isListEnvelope(output) ? output : z.object({ data: output });
}
