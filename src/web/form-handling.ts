/**
 * The web side of forms: parse the posted fields with zod (a missing, duplicated or non-text
 * field is a malformed request: 400, nothing done), and turn a use case's refusal into what
 * the form shows again (field errors, or an alert such as "réessayez à partir de 10 h 15").
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { formatParisTime } from '../domain/time/paris-time.js';
import { STATUS_OF } from './plugins/error-pages.js';

/** A text field as a form posts it; long enough for any real value, bounded for the rest. */
export const textField = z.string().max(10_000);

export class MalformedForm extends Error {
  readonly statusCode = 400;
  constructor() {
    super('malformed form');
  }
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new MalformedForm();
  return result.data;
}

export interface FormFailure {
  status: number;
  fieldErrors: Record<string, string>;
  alert: string | undefined;
}

/** Maps a refusal to what the form shows; rethrows anything that is not a refusal. */
export function formFailure(error: unknown, reply: FastifyReply, now: Date): FormFailure {
  if (!(error instanceof DomainError)) throw error;
  const status = STATUS_OF[error.code];
  if (error.code === 'validation') {
    return { status, fieldErrors: error.details.fieldErrors ?? {}, alert: undefined };
  }
  if (error.code === 'rate_limited' && error.details.retryAt) {
    const seconds = Math.max(
      1,
      Math.ceil((error.details.retryAt.getTime() - now.getTime()) / 1000),
    );
    reply.header('retry-after', String(seconds));
    const minutes = Math.ceil(seconds / 60);
    return {
      status,
      fieldErrors: {},
      alert: `${error.message} Réessayez à partir de ${formatParisTime(error.details.retryAt)} (dans ${minutes} minute${minutes > 1 ? 's' : ''}).`,
    };
  }
  return { status, fieldErrors: {}, alert: error.message };
}
