// Zoom's OAuth endpoints take `application/x-www-form-urlencoded` bodies (API.md §1.3), and so
// does the consent form. Repeated keys keep their last value, which is all these forms need.
import type { FastifyInstance } from 'fastify';

export type FormBody = Record<string, string>;

export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}

/** The form fields of a request, or an empty form when it had none. */
export function formOf(body: unknown): FormBody {
  if (body === null || typeof body !== 'object') {
    return {};
  }

  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
