// Errors of the control API (/sim/*), which is ours, not Zoom's: the app's error shape
// `{ "error": { "code", "message" } }` (DESIGN.md §4), so test output reads the same everywhere.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

export function sendControlError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/** The parsed body, or null after answering 400 with what was wrong with it. */
export function parseOr400<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | null {
  const parsed = schema.safeParse(body ?? {});

  if (parsed.success) {
    return parsed.data;
  }

  const issues = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');

  void sendControlError(reply, 400, 'INVALID_REQUEST', issues);

  return null;
}
