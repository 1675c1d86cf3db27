import type { z } from 'zod';
import { containsNul } from '../lib/text.js';
import { AppError } from './errors.js';

/** Parses a request part with a zod schema; failures become one VALIDATION_FAILED error. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  // PostgreSQL cannot store U+0000; refuse it here rather than fail in a query.
  if (containsNul(value)) {
    throw new AppError('VALIDATION_FAILED', 'Text may not contain NUL characters.');
  }

  const parsed = schema.safeParse(value ?? {});

  if (parsed.success) return parsed.data;

  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  const first = fields[0];

  throw new AppError('VALIDATION_FAILED', first ? `${first.field}: ${first.message}` : undefined, {
    details: { fields },
  });
}
