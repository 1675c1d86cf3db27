import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../http/auth.js';
import { parseInput } from '../http/validation.js';
import { listCalls } from './calls.query.js';

const callFiltersSchema = z.object({
  contactId: z.string().min(1).max(64).optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  result: z.enum(['answered', 'missed', 'rejected', 'voicemail', 'cancelled']).optional(),
  unmatched: z
    .enum(['1', 'true', '0', 'false'])
    .optional()
    .transform((value) => value === '1' || value === 'true'),
  cursor: z
    .string()
    .regex(/^\d{1,16}:[\w-]{1,64}$/, 'cursor must be a nextCursor from an earlier page')
    .optional(),
  from: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .transform((value) => Date.parse(value))
    .optional(),
  to: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .transform((value) => Date.parse(value))
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function callRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/api/calls', async (request) => {
    const user = requireUser(request);
    const filters = parseInput(callFiltersSchema, request.query);

    return listCalls(context.db, user.id, user.defaultRegion, filters);
  });
}
