import type { z } from 'zod';
import { AppError } from './errors.js';

/** Parses a request part with a zod schema; failures become one VALIDATION_FAILED error. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
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
