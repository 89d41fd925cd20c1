import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Input no route can store or compute with, refused once for every route rather than in each:
 *
 * - Text containing a NUL character (U+0000). PostgreSQL text cannot hold it (the driver fails
 *   with "invalid byte sequence"), so without this check any route writing or even comparing such
 *   text answers 500 on PostgreSQL while SQLite accepts it. Body, query, path parameters and
 *   headers (some, like Idempotency-Key and User-Agent, are stored) are all checked, keys too.
 * - A non-finite number (Infinity, NaN). JSON's `1e400` parses to Infinity, and Ajv's type
 *   coercion turns the query string `?n=1e400` into Infinity and lets it through a `number` or
 *   `integer` schema with no maximum. Checked after validation, on the values the handler gets.
 *
 * Both answer 400 with a message saying what to change, and name the field where there is one.
 */

type Part = 'body' | 'querystring' | 'params' | 'headers';

interface Found {
  /** The top-level field (body or query) that holds the value, when there is one. */
  field: string | null;
}

/**
 * Walks a parsed value (iteratively: a deeply nested JSON body must not overflow the stack) and
 * returns the first place where `bad` holds for a string, a key or a number.
 */
function findIn(value: unknown, bad: (v: string | number) => boolean): Found | null {
  const stack: { value: unknown; field: string | null }[] = [{ value, field: null }];
  while (stack.length) {
    const { value: v, field } = stack.pop()!;
    if (typeof v === 'string' || typeof v === 'number') {
      if (bad(v)) return { field };
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push({ value: item, field });
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !(v instanceof Uint8Array)) {
      for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
        if (bad(key)) return { field: field ?? key };
        stack.push({ value: item, field: field ?? key });
      }
    }
  }
  return null;
}

const hasNul = (v: string | number) => typeof v === 'string' && v.includes('\u0000');
const notFinite = (v: string | number) => typeof v === 'number' && !Number.isFinite(v);

function refuse(code: 'nul_character' | 'number_not_finite', part: Part, found: Found): AppError {
  // The field is named for the parts a form or a link is made of; a header is not a field.
  const named = found.field !== null && (part === 'body' || part === 'querystring');
  return new AppError(400, code, {}, named ? { [found.field!]: code } : {});
}

function check(request: FastifyRequest, parts: Part[], code: 'nul_character' | 'number_not_finite', bad: (v: string | number) => boolean): void {
  for (const part of parts) {
    const value = part === 'body' ? request.body : part === 'querystring' ? request.query : part === 'params' ? request.params : request.headers;
    const found = findIn(value, bad);
    if (found) throw refuse(code, part, found);
  }
}

/** Installs the two checks on every route; call before the authorization hooks (they query by these values). */
export function installInputGuards(app: FastifyInstance): void {
  // Before validation: text as it came, so a NUL is refused whatever the route's schema says.
  app.addHook('preValidation', async (request) => {
    check(request, ['params', 'querystring', 'headers', 'body'], 'nul_character', hasNul);
    check(request, ['body'], 'number_not_finite', notFinite);
  });
  // After validation: the values as coerced by the schema ("1e400" has become Infinity by now).
  app.addHook('preHandler', async (request) => {
    check(request, ['params', 'querystring', 'body'], 'number_not_finite', notFinite);
  });
}
