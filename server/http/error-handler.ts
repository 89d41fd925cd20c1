import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.ts';
import { CLIENT_LOCALES, clientMessageTranslator, negotiateLocale, SERVER_LOCALES, translator } from '../i18n.ts';
import { AppError } from './errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

interface AjvLikeError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const KEYWORD_TO_CODE: Record<string, string> = {
  required: 'required',
  minLength: 'too_short',
  maxLength: 'too_long',
  minItems: 'too_few',
  maxItems: 'too_many',
  pattern: 'invalid_format',
  format: 'invalid_format',
  minimum: 'out_of_range',
  maximum: 'out_of_range',
  enum: 'invalid_choice',
  const: 'invalid_choice',
  anyOf: 'invalid_choice',
  type: 'invalid_type',
  additionalProperties: 'unknown_field',
  uniqueItems: 'duplicate_items',
};

/** Turns schema-validation errors into one message per top-level field, ready to show beside it. */
export function fieldsFromValidation(errors: AjvLikeError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    let path = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') path = [...path, e.params.missingProperty];
    if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') path = [...path, e.params.additionalProperty];
    const field = path[0] ?? '_';
    fields[field] ??= KEYWORD_TO_CODE[e.keyword] ?? 'invalid';
  }
  return fields;
}

/**
 * Whether a request comes from a client-facing surface: a kiosk or display board (a device) or a
 * client-facing route (the phone ticket page). Staff, and anonymous requests elsewhere (sign-in,
 * pairing, an expired session), get the staff messages.
 */
export function isClientRequest(request: FastifyRequest): boolean {
  return (request.actor as Actor | null | undefined)?.type === 'device' || request.routeOptions?.config?.clientFacing === true;
}

/** Client locales (e.g. the kiosk's language, sent as Accept-Language) for clients; the staff locales for staff. */
export function requestLocale(request: FastifyRequest): string {
  const locales = isClientRequest(request) ? [...new Set([...CLIENT_LOCALES, ...SERVER_LOCALES])] : SERVER_LOCALES;
  return negotiateLocale(request.headers['accept-language'], 'en', locales);
}

/**
 * The error answer, translated for the reader: staff get locales/<lng>/server.json; clients get
 * the client-facing subset in locales/<lng>/client.json ("errors", "fields"), in every client
 * language, with server.json (English where the language has none) behind it.
 */
export function errorBody(request: FastifyRequest, code: string, vars: Record<string, unknown> = {}, fieldCodes: Record<string, string> = {}): ErrorBody {
  const locale = requestLocale(request);
  const t = isClientRequest(request) ? clientMessageTranslator(locale) : translator(locale);
  const fields = Object.fromEntries(Object.entries(fieldCodes).map(([f, c]) => [f, t(`fields.${c}`, { defaultValue: t('fields.invalid') })]));
  const message = t(`errors.${code}`, { ...vars, defaultValue: t('errors.unexpected') });
  return { error: { code, message, ...(Object.keys(fields).length ? { fields } : {}) } };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(request, err.code, err.vars, err.fields));
    }
    if (err.validation) {
      const where = err.validationContext;
      const fields = fieldsFromValidation(err.validation as AjvLikeError[]);
      return reply.status(400).send(errorBody(request, where === 'body' ? 'validation' : 'bad_request', {}, where === 'body' ? fields : {}));
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.status(429).send(errorBody(request, 'rate_limited'));
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : status === 404 ? 'not_found' : 'bad_request';
      return reply.status(status).send(errorBody(request, code));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody(request, 'unexpected'));
  });

  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody(request, 'not_found')));
}
